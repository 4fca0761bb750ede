;; Text in linear memory: the host asks the guest for a buffer (alloc), writes into it, calls a
;; function on it, reads the result and gives the buffer back (free). The allocator bumps a
;; pointer; free takes back the block it is given and every block after it.
(module
  (memory (export "memory") 1)
  (global $top (mut i32) (i32.const 1024))

  (func (export "alloc") (param $size i32) (result i32)
    (local $block i32)
    (local $needed i32)
    (local.set $block (global.get $top))
    ;; 8-byte aligned
    (global.set $top (i32.and (i32.add (i32.add (local.get $block) (local.get $size)) (i32.const 7))
                              (i32.const -8)))
    (local.set $needed (i32.sub (i32.shr_u (i32.add (global.get $top) (i32.const 65535)) (i32.const 16))
                                (memory.size)))
    (if (i32.gt_s (local.get $needed) (i32.const 0))
      (then
        (if (i32.eq (memory.grow (local.get $needed)) (i32.const -1))
          (then unreachable))))
    (local.get $block))

  (func (export "free") (param $block i32)
    (if (i32.lt_u (local.get $block) (global.get $top))
      (then (global.set $top (local.get $block)))))

  ;; Upper-cases the ASCII letters of len bytes at ptr, in place; returns how many it changed.
  (func (export "upper") (param $ptr i32) (param $len i32) (result i32)
    (local $end i32)
    (local $c i32)
    (local $changed i32)
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $ptr)))
        (if (i32.lt_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 26))
          (then
            (i32.store8 (local.get $ptr) (i32.sub (local.get $c) (i32.const 32)))
            (local.set $changed (i32.add (local.get $changed) (i32.const 1)))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $next)))
    (local.get $changed)))
