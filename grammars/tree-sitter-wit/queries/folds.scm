; Bodies in braces, long lists, and comments (a run of line comments folds only in
; editors that merge adjacent folds).

[
  (nested_package)
  (interface_body)
  (world_body)
  (resource_body)
  (record_body)
  (variant_body)
  (enum_body)
  (flags_body)
  (use_names)
  (include_names)
  (param_list)
  (comment)
] @fold
