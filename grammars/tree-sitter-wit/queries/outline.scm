; The outline of a file (Zed's outline panel and breadcrumbs): `@item` is an entry,
; `@name` its label and `@context` the words shown before it.

(nested_package
  "package" @context
  name: (package_name) @name) @item

(interface_item
  "interface" @context
  name: (identifier) @name) @item

(world_item
  "world" @context
  name: (identifier) @name) @item

(import_item
  "import" @context
  name: (identifier) @name) @item

(export_item
  "export" @context
  name: (identifier) @name) @item

(type_alias
  "type" @context
  name: (identifier) @name) @item

(record_item
  "record" @context
  name: (identifier) @name) @item

(record_field
  name: (identifier) @name) @item

(variant_item
  "variant" @context
  name: (identifier) @name) @item

(enum_item
  "enum" @context
  name: (identifier) @name) @item

(flags_item
  "flags" @context
  name: (identifier) @name) @item

(resource_item
  "resource" @context
  name: (identifier) @name) @item

(constructor_item
  "constructor" @name) @item

(func_item
  name: (identifier) @name) @item

(method_item
  name: (identifier) @name) @item
