/**
 * Tree-sitter grammar for WIT, the WebAssembly Component Model's interface language.
 *
 * It accepts the language that wasm-tools' wit-parser accepts (the reference
 * implementation), not only what WIT.md describes: e.g. `own<T>`, `error-context`,
 * constructor results, empty records and `import label: path;`.
 *
 * Identifiers and comments come from the external scanner (src/scanner.c): it refuses
 * reserved words as identifiers, so `type option = u32;` is a syntax error as in
 * wit-parser, and it nests block comments.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const PRIMITIVES = [
  'bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64',
  'f32', 'f64', 'char', 'string',
];

/** `rule (',' rule)* ','?`, possibly empty. */
function commaSep(rule) {
  return optional(seq(rule, repeat(seq(',', rule)), optional(',')));
}

module.exports = grammar({
  name: 'wit',

  // The last two are errors: text that wit-parser's lexer rejects as a whole (an unclosed
  // `/*` runs to the end of the file; a word that is not kebab-case). No rule accepts them,
  // so the parser reports them where they start, and tree-sitter never rescans them.
  externals: $ => [$.comment, $.identifier, $.unterminated_comment, $.invalid_identifier],

  extras: $ => [/\s/, $.comment],

  supertypes: $ => [$._type, $._attribute],

  rules: {
    source_file: $ => seq(
      optional($.package_decl),
      repeat(choice($._package_item, $.nested_package)),
    ),

    // `package ns:name@1.0.0;` is only valid as the first item of a file.
    package_decl: $ => seq('package', field('name', $.package_name), ';'),

    // wit-parser parses a package block inside another and rejects it only when resolving
    // ("nested packages must be placed at the top-level"): the model reports it.
    nested_package: $ => seq(
      'package',
      field('name', $.package_name),
      '{',
      repeat(choice($._package_item, $.nested_package)),
      '}',
    ),

    package_name: $ => seq(
      field('namespace', $.identifier),
      ':',
      field('name', $.identifier),
      optional(seq('@', field('version', $.version))),
    ),

    _package_item: $ => choice($.interface_item, $.world_item, $.toplevel_use),

    // `use wasi:io/streams@0.2.0 as streams;` gives the file a short name for an interface.
    toplevel_use: $ => seq(
      'use',
      field('path', $.use_path),
      optional(seq('as', field('alias', $.identifier))),
      ';',
    ),

    // A local interface or world (`types`), or a foreign one (`wasi:io/streams@0.2.0`).
    use_path: $ => choice(
      field('name', $.identifier),
      seq(
        field('namespace', $.identifier),
        ':',
        field('package', $.identifier),
        '/',
        field('name', $.identifier),
        optional(seq('@', field('version', $.version))),
      ),
    ),

    // ---- attributes -------------------------------------------------------

    _attribute: $ => choice(
      $.since_attribute,
      $.unstable_attribute,
      $.deprecated_attribute,
      $.external_id_attribute,
    ),

    // wit-parser compares attribute names and keys by their names, so the explicit
    // `%since`, `%version`, `%feature`, ... are the same words.
    since_attribute: $ => seq('@', choice('since', '%since'), '(', choice('version', '%version'), '=', field('version', $.version), ')'),
    unstable_attribute: $ => seq('@', choice('unstable', '%unstable'), '(', choice('feature', '%feature'), '=', field('feature', $.identifier), ')'),
    deprecated_attribute: $ => seq('@', choice('deprecated', '%deprecated'), '(', choice('version', '%version'), '=', field('version', $.version), ')'),
    external_id_attribute: $ => seq('@', choice('external-id', '%external-id'), '(', field('id', $.string), ')'),

    // ---- interfaces and worlds ---------------------------------------------

    interface_item: $ => seq(
      repeat(field('attribute', $._attribute)),
      'interface',
      field('name', $.identifier),
      field('body', $.interface_body),
    ),

    interface_body: $ => seq('{', repeat($._interface_member), '}'),

    _interface_member: $ => choice($.use_item, $.func_item, $._typedef),

    world_item: $ => seq(
      repeat(field('attribute', $._attribute)),
      'world',
      field('name', $.identifier),
      field('body', $.world_body),
    ),

    world_body: $ => seq('{', repeat($._world_member), '}'),

    _world_member: $ => choice($.import_item, $.export_item, $.use_item, $.include_item, $._typedef),

    import_item: $ => seq(repeat(field('attribute', $._attribute)), 'import', $._extern),
    export_item: $ => seq(repeat(field('attribute', $._attribute)), 'export', $._extern),

    // What a world imports or exports: a function or an inline interface under a plain
    // name, an interface by path, or a plain name bound to an interface (`label: path`).
    _extern: $ => choice(
      seq(field('name', $.identifier), ':', field('type', $.func_type), ';'),
      seq(field('name', $.identifier), ':', 'interface', field('body', $.interface_body)),
      seq(field('name', $.identifier), ':', field('path', $.use_path), ';'),
      seq(field('path', $.use_path), ';'),
    ),

    include_item: $ => seq(
      repeat(field('attribute', $._attribute)),
      'include',
      field('path', $.use_path),
      choice(';', seq('with', field('names', $.include_names))),
    ),

    include_names: $ => seq('{', commaSep($.include_name), '}'),

    include_name: $ => seq(field('name', $.identifier), 'as', field('alias', $.identifier)),

    // `use types.{error-code, descriptor as fd};` inside an interface or world.
    use_item: $ => seq(
      repeat(field('attribute', $._attribute)),
      'use',
      field('path', $.use_path),
      '.',
      field('names', $.use_names),
      ';',
    ),

    use_names: $ => seq('{', commaSep($.use_name), '}'),

    use_name: $ => seq(field('name', $.identifier), optional(seq('as', field('alias', $.identifier)))),

    // ---- functions ----------------------------------------------------------

    func_item: $ => seq(
      repeat(field('attribute', $._attribute)),
      field('name', $.identifier),
      ':',
      field('type', $.func_type),
      ';',
    ),

    func_type: $ => seq(
      optional(field('async', 'async')),
      'func',
      field('params', $.param_list),
      optional(seq('->', field('result', $._type))),
    ),

    param_list: $ => seq('(', commaSep($.param), ')'),

    param: $ => seq(field('name', $.identifier), ':', field('type', $._type)),

    // ---- type definitions ---------------------------------------------------

    _typedef: $ => choice(
      $.type_alias,
      $.record_item,
      $.variant_item,
      $.enum_item,
      $.flags_item,
      $.resource_item,
    ),

    type_alias: $ => seq(
      repeat(field('attribute', $._attribute)),
      'type',
      field('name', $.identifier),
      '=',
      field('type', $._type),
      ';',
    ),

    record_item: $ => seq(
      repeat(field('attribute', $._attribute)),
      'record',
      field('name', $.identifier),
      field('body', $.record_body),
    ),
    record_body: $ => seq('{', commaSep($.record_field), '}'),
    record_field: $ => seq(field('name', $.identifier), ':', field('type', $._type)),

    variant_item: $ => seq(
      repeat(field('attribute', $._attribute)),
      'variant',
      field('name', $.identifier),
      field('body', $.variant_body),
    ),
    variant_body: $ => seq('{', commaSep($.variant_case), '}'),
    variant_case: $ => seq(
      field('name', $.identifier),
      optional(seq('(', field('type', $._type), ')')),
    ),

    enum_item: $ => seq(
      repeat(field('attribute', $._attribute)),
      'enum',
      field('name', $.identifier),
      field('body', $.enum_body),
    ),
    enum_body: $ => seq('{', commaSep($.enum_case), '}'),
    enum_case: $ => field('name', $.identifier),

    flags_item: $ => seq(
      repeat(field('attribute', $._attribute)),
      'flags',
      field('name', $.identifier),
      field('body', $.flags_body),
    ),
    flags_body: $ => seq('{', commaSep($.flag), '}'),
    flag: $ => field('name', $.identifier),

    resource_item: $ => seq(
      repeat(field('attribute', $._attribute)),
      'resource',
      field('name', $.identifier),
      choice(';', field('body', $.resource_body)),
    ),
    resource_body: $ => seq('{', repeat(choice($.constructor_item, $.method_item)), '}'),

    constructor_item: $ => seq(
      repeat(field('attribute', $._attribute)),
      'constructor',
      field('params', $.param_list),
      optional(seq('->', field('result', $._type))),
      ';',
    ),

    // A method, or with `static` a static function, of a resource.
    method_item: $ => seq(
      repeat(field('attribute', $._attribute)),
      field('name', $.identifier),
      ':',
      optional(field('static', 'static')),
      field('type', $.func_type),
      ';',
    ),

    // ---- types --------------------------------------------------------------

    _type: $ => choice(
      $.primitive_type,
      $.error_context_type,
      $.list_type,
      $.map_type,
      $.option_type,
      $.result_type,
      $.tuple_type,
      $.future_type,
      $.stream_type,
      $.borrow_type,
      $.own_type,
      $.named_type,
    ),

    primitive_type: _ => choice(...PRIMITIVES),

    error_context_type: _ => 'error-context',

    list_type: $ => seq(
      'list', '<', field('element', $._type),
      optional(seq(',', field('size', $.integer))),
      '>',
    ),

    map_type: $ => seq('map', '<', field('key', $._type), ',', field('value', $._type), '>'),

    option_type: $ => seq('option', '<', field('element', $._type), '>'),

    result_type: $ => seq(
      'result',
      optional(seq(
        '<',
        choice(
          seq(field('ok', $._type), optional(seq(',', field('err', $._type)))),
          seq('_', ',', field('err', $._type)),
        ),
        '>',
      )),
    ),

    tuple_type: $ => seq('tuple', '<', commaSep(field('element', $._type)), '>'),

    future_type: $ => seq('future', optional(seq('<', field('element', $._type), '>'))),

    stream_type: $ => seq('stream', optional(seq('<', field('element', $._type), '>'))),

    borrow_type: $ => seq('borrow', '<', field('resource', $.identifier), '>'),

    own_type: $ => seq('own', '<', field('resource', $.identifier), '>'),

    named_type: $ => field('name', $.identifier),

    // ---- tokens -------------------------------------------------------------

    // A version as one token, so `@1.0.0.{a}` keeps its final `.` for the use list. As in
    // wit-parser, `-` and `+` may end it with nothing after them (`1.0.0-` is `1.0.0`), and
    // the identifiers take any name characters: model/semver.ts then checks them as the
    // `semver` crate does.
    version: _ => token(seq(
      /[0-9]+\.[0-9]+\.[0-9]+/,
      optional(seq('-', optional(/[0-9A-Za-z_-]+(\.[0-9A-Za-z_-]+)*/))),
      optional(seq('+', optional(/[0-9A-Za-z_-]+(\.[0-9A-Za-z_-]+)*/))),
    )),

    integer: _ => /[0-9]+/,

    string: _ => token(seq('"', repeat(choice(/[^"\\\n]/, /\\./)), '"')),
  },
});
