;; Factorial and Fibonacci, to try the runtime:
;;
;;   ./jazero run --invoke fac examples/fac.wat 10        # 3628800
;;   ./jazero run --invoke fac-iter examples/fac.wat 20   # 2432902008176640000
;;   ./jazero run --invoke fib examples/fac.wat 30        # 832040
(module
  ;; n! by recursion.
  (func $fac (export "fac") (param $n i64) (result i64)
    (if (result i64) (i64.le_u (local.get $n) (i64.const 1))
      (then (i64.const 1))
      (else
        (i64.mul (local.get $n)
                 (call $fac (i64.sub (local.get $n) (i64.const 1)))))))

  ;; n! with a loop.
  (func (export "fac-iter") (param $n i64) (result i64)
    (local $acc i64)
    (local.set $acc (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i64.le_u (local.get $n) (i64.const 1)))
        (local.set $acc (i64.mul (local.get $acc) (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $acc))

  ;; The n-th Fibonacci number (fib 0 = 0, fib 1 = 1), iteratively.
  (func (export "fib") (param $n i32) (result i64)
    (local $a i64) (local $b i64) (local $t i64)
    (local.set $b (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (i64.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $a)))
