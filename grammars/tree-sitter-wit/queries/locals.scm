; Scopes and definitions for local name resolution. In WIT a name is visible in its whole
; interface or world, before and after its definition; types a `use` brings in count as
; definitions of the scope that uses them.

; ---- scopes -----------------------------------------------------------------

[
  (source_file)
  (nested_package)
  (interface_body)
  (world_body)
  (func_type)
  (constructor_item)
] @local.scope

; ---- definitions ------------------------------------------------------------

(type_alias
  name: (identifier) @local.definition)

(record_item
  name: (identifier) @local.definition)

(variant_item
  name: (identifier) @local.definition)

(enum_item
  name: (identifier) @local.definition)

(flags_item
  name: (identifier) @local.definition)

(resource_item
  name: (identifier) @local.definition)

(use_name
  name: (identifier) @local.definition
  !alias)

(use_name
  alias: (identifier) @local.definition)

(toplevel_use
  path: (use_path
    name: (identifier) @local.definition)
  !alias)

(toplevel_use
  alias: (identifier) @local.definition)

(interface_item
  name: (identifier) @local.definition)

(world_item
  name: (identifier) @local.definition)

(func_item
  name: (identifier) @local.definition)

(method_item
  name: (identifier) @local.definition)

(param
  name: (identifier) @local.definition)

(record_field
  name: (identifier) @local.definition)

(variant_case
  name: (identifier) @local.definition)

(enum_case
  name: (identifier) @local.definition)

(flag
  name: (identifier) @local.definition)

; ---- references -------------------------------------------------------------

(named_type
  name: (identifier) @local.reference)

(borrow_type
  resource: (identifier) @local.reference)

(own_type
  resource: (identifier) @local.reference)

; A local interface or world named by `use`, `import`, `export` or `include`.
(use_path
  name: (identifier) @local.reference
  !namespace)
