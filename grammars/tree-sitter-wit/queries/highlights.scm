; Highlights for WIT. Each node gets at most one capture, so the result is the same in
; editors where the first matching pattern wins (tree-sitter highlight, Helix) and where
; the last one wins (Neovim). Capture names are the common hierarchical ones; an editor
; that lacks e.g. `keyword.coroutine` falls back to `keyword`.

; ---- comments ---------------------------------------------------------------

; wit-parser takes every comment before an item as its documentation; the `///` and
; `/**` forms are highlighted as such because that is what authors mean by them. The
; regexes avoid groups and alternation: Neovim reads them as Vim regexes, others as Rust's.
((comment) @comment.documentation
  (#match? @comment.documentation "^///"))

((comment) @comment.documentation
  (#match? @comment.documentation "^/\\*\\*[^/]"))

((comment) @comment
  (#not-match? @comment "^///")
  (#not-match? @comment "^/\\*\\*[^/]"))

; An unclosed `/*` runs to the end of the file, as wit-parser reads it.
(unterminated_comment) @comment

; ---- keywords ---------------------------------------------------------------

[
  "package"
  "interface"
  "world"
] @keyword

[
  "use"
  "import"
  "export"
  "include"
  "with"
  "as"
] @keyword.import

[
  "type"
  "record"
  "variant"
  "enum"
  "flags"
  "resource"
] @keyword.type

"func" @keyword.function

"async" @keyword.coroutine

"static" @keyword.modifier

"constructor" @constructor

; ---- types ------------------------------------------------------------------

(primitive_type) @type.builtin

; `stream`, `future` and `error-context` are the async built-in types, keywords like
; `list` and `option`.
(error_context_type) @type.builtin

[
  "list"
  "map"
  "option"
  "result"
  "tuple"
  "future"
  "stream"
  "borrow"
  "own"
] @type.builtin

; The `_` of `result<_, E>`: no ok type.
"_" @variable.builtin

(named_type
  name: (identifier) @type)

(borrow_type
  resource: (identifier) @type)

(own_type
  resource: (identifier) @type)

(integer) @number

; ---- declarations -----------------------------------------------------------

(type_alias
  name: (identifier) @type.definition)

(record_item
  name: (identifier) @type.definition)

(variant_item
  name: (identifier) @type.definition)

(enum_item
  name: (identifier) @type.definition)

(flags_item
  name: (identifier) @type.definition)

(resource_item
  name: (identifier) @type.definition)

(record_field
  name: (identifier) @property)

(variant_case
  name: (identifier) @constant)

(enum_case
  name: (identifier) @constant)

(flag
  name: (identifier) @constant)

(func_item
  name: (identifier) @function)

(method_item
  name: (identifier) @function.method)

(param
  name: (identifier) @variable.parameter)

; ---- packages, interfaces and worlds ----------------------------------------

(package_name
  namespace: (identifier) @module
  name: (identifier) @module)

(interface_item
  name: (identifier) @module)

(world_item
  name: (identifier) @module)

(use_path
  namespace: (identifier) @module
  package: (identifier) @module)

(use_path
  name: (identifier) @module)

(toplevel_use
  alias: (identifier) @module)

; `use iface.{name as alias}` brings types into scope.
(use_name
  name: (identifier) @type)

(use_name
  alias: (identifier) @type)

; `include w with { name as alias }` renames imports and exports of `w`.
(include_name
  name: (identifier) @variable)

(include_name
  alias: (identifier) @variable)

; `import name: func(...)` names a function; `import name: interface {...}` and
; `import name: path;` name an interface.
(import_item
  name: (identifier) @function
  type: (func_type))

(export_item
  name: (identifier) @function
  type: (func_type))

(import_item
  name: (identifier) @module
  !type)

(export_item
  name: (identifier) @module
  !type)

(version) @string.special

; ---- attributes -------------------------------------------------------------

(since_attribute
  "@" @attribute
  ["since" "%since"] @attribute
  ["version" "%version"] @property)

(unstable_attribute
  "@" @attribute
  ["unstable" "%unstable"] @attribute
  ["feature" "%feature"] @property
  feature: (identifier) @constant)

(deprecated_attribute
  "@" @attribute
  ["deprecated" "%deprecated"] @attribute
  ["version" "%version"] @property)

(external_id_attribute
  "@" @attribute
  "external-id" @attribute)

(string) @string

; ---- punctuation ------------------------------------------------------------

[
  "("
  ")"
  "{"
  "}"
  "<"
  ">"
] @punctuation.bracket

[
  ","
  ";"
  ":"
  "."
  "/"
] @punctuation.delimiter

; The `@` before a version, as in `wasi:io/streams@0.2.0`.
(package_name
  "@" @punctuation.special)

(use_path
  "@" @punctuation.special)

[
  "->"
  "="
] @operator
