(module
  (type $point (struct (field $x i32) (field $y i32)))
  (import "labels" "repeat" (func $repeat (param externref i32) (result externref)))
  (import "labels" "measure" (func $measure (param externref) (result externref i32)))
  (import "labels" "keep" (func $keep (param structref)))
  (import "labels" "first" (func $first (result structref)))
  (import "labels" "small" (func $small (param i32) (result i31ref)))
  ;; repeat, then measure: the label and its length.
  (func (export "label") (param externref i32) (result externref i32)
    (call $measure (call $repeat (local.get 0) (local.get 1))))
  ;; A struct kept by the host comes back as the same struct: its y.
  (func (export "roundTrip") (param i32 i32) (result i32)
    (call $keep (struct.new $point (local.get 0) (local.get 1)))
    (struct.get $point $y (ref.cast (ref $point) (call $first))))
  (func (export "small") (param i32) (result i32)
    (i31.get_s (call $small (local.get 0)))))
