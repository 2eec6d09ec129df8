; Indentation (Neovim's nvim-treesitter dialect): one level inside braces and angle
; brackets that span lines; the closing brace goes back out.

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
  (tuple_type)
] @indent.begin

[
  "}"
  ")"
  ">"
] @indent.branch @indent.end

(comment) @indent.auto
