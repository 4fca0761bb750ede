;; Binary trees of garbage-collected structs (the Computer Language Benchmarks Game's shape):
;; for each depth d from 4 to the argument in steps of 2, build and check 2^(argument - d + 4)
;; trees of depth d, then one tree of the argument's depth; returns the sum of the checks. Every
;; tree is dropped once checked, so the collector does the work that free() does in alloc.wasm.
;; gctrees.wasm is this file assembled by binaryen 132 (npm install binaryen@132.0.0):
;;   wasm-as --enable-gc --enable-reference-types gctrees.wat -o gctrees.wasm
(module
  (type $node (struct (field $left (ref null $node)) (field $right (ref null $node))))
  (func $make (param $depth i32) (result (ref $node))
    (if (result (ref $node)) (i32.eqz (local.get $depth))
      (then (struct.new $node (ref.null $node) (ref.null $node)))
      (else (struct.new $node
        (call $make (i32.sub (local.get $depth) (i32.const 1)))
        (call $make (i32.sub (local.get $depth) (i32.const 1)))))))
  (func $check (param $tree (ref $node)) (result i32)
    (local $left (ref null $node))
    (local.set $left (struct.get $node $left (local.get $tree)))
    (if (result i32) (ref.is_null (local.get $left))
      (then (i32.const 1))
      (else (i32.add (i32.const 1) (i32.add
        (call $check (ref.as_non_null (local.get $left)))
        (call $check (ref.as_non_null (struct.get $node $right (local.get $tree)))))))))
  (func (export "gctrees") (param $max i32) (result i32)
    (local $depth i32) (local $i i32) (local $iterations i32) (local $sum i32)
    (local.set $depth (i32.const 4))
    (block $done
      (loop $depths
        (br_if $done (i32.gt_s (local.get $depth) (local.get $max)))
        (local.set $iterations (i32.shl (i32.const 1) (i32.add (i32.sub (local.get $max) (local.get $depth)) (i32.const 4))))
        (local.set $i (i32.const 0))
        (loop $trees
          (local.set $sum (i32.add (local.get $sum) (call $check (call $make (local.get $depth)))))
          (br_if $trees (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $iterations))))
        (local.set $depth (i32.add (local.get $depth) (i32.const 2)))
        (br $depths)))
    (i32.add (local.get $sum) (call $check (call $make (local.get $max))))))
