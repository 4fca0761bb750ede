;; Functions with several results, as WebAssembly 2.0 allows.
(module
  ;; The quotient and remainder of a signed division.
  (func (export "divmod") (param $a i32) (param $b i32) (result i32 i32)
    (i32.div_s (local.get $a) (local.get $b))
    (i32.rem_s (local.get $a) (local.get $b)))

  ;; The sum and the mean of 1..n.
  (func (export "sum_and_mean") (param $n i64) (result i64 f64)
    (local $sum i64)
    (local.set $sum (i64.div_u (i64.mul (local.get $n) (i64.add (local.get $n) (i64.const 1)))
                               (i64.const 2)))
    (local.get $sum)
    (f64.div (f64.convert_i64_u (local.get $sum)) (f64.convert_i64_u (local.get $n)))))
