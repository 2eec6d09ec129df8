; Symbols for code navigation (`tree-sitter tags`, GitHub's code navigation). The comments
; right before a definition are its documentation, as wit-parser reads them.

((comment)* @doc
  .
  (interface_item
    name: (identifier) @name) @definition.interface
  (#strip! @doc "^/[/*]+\\s?|\\s*\\*+/$")
  (#select-adjacent! @doc @definition.interface))

((comment)* @doc
  .
  (world_item
    name: (identifier) @name) @definition.module
  (#strip! @doc "^/[/*]+\\s?|\\s*\\*+/$")
  (#select-adjacent! @doc @definition.module))

(nested_package
  name: (package_name) @name) @definition.module

((comment)* @doc
  .
  [
    (type_alias
      name: (identifier) @name)
    (record_item
      name: (identifier) @name)
    (variant_item
      name: (identifier) @name)
    (enum_item
      name: (identifier) @name)
    (flags_item
      name: (identifier) @name)
  ] @definition.type
  (#strip! @doc "^/[/*]+\\s?|\\s*\\*+/$")
  (#select-adjacent! @doc @definition.type))

((comment)* @doc
  .
  (resource_item
    name: (identifier) @name) @definition.class
  (#strip! @doc "^/[/*]+\\s?|\\s*\\*+/$")
  (#select-adjacent! @doc @definition.class))

((comment)* @doc
  .
  [
    (func_item
      name: (identifier) @name)
    (import_item
      name: (identifier) @name
      type: (func_type))
    (export_item
      name: (identifier) @name
      type: (func_type))
  ] @definition.function
  (#strip! @doc "^/[/*]+\\s?|\\s*\\*+/$")
  (#select-adjacent! @doc @definition.function))

((comment)* @doc
  .
  (method_item
    name: (identifier) @name) @definition.method
  (#strip! @doc "^/[/*]+\\s?|\\s*\\*+/$")
  (#select-adjacent! @doc @definition.method))

(named_type
  name: (identifier) @name) @reference.type

[
  (borrow_type
    resource: (identifier) @name)
  (own_type
    resource: (identifier) @name)
] @reference.class

; The interface a `use`, `import` or `export` names.
[
  (use_item
    path: (use_path
      name: (identifier) @name))
  (toplevel_use
    path: (use_path
      name: (identifier) @name))
  (import_item
    path: (use_path
      name: (identifier) @name))
  (export_item
    path: (use_path
      name: (identifier) @name))
] @reference.interface

; The world an `include` names.
(include_item
  path: (use_path
    name: (identifier) @name)) @reference.module
