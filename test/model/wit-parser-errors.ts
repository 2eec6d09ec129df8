/**
 * Every place wit-parser (wasm-tools' `crates/wit-parser/src`, as jco ships it) raises an
 * error while reading WIT text, with WIT that reaches it and what wit-ls does there. Each
 * row is a test (wit-parser-errors.test.ts): wit-parser must raise `reference`; wit-ls
 * must report an error matching `ours` exactly at the `«»` range, or, where it does not on
 * purpose, the row holds the reason (`notRaised`).
 *
 * Sites are named by file and function. The reference is wit-parser as jco ships it, so
 * where upstream `main` has moved on (new syntax, reworded messages) the row follows jco.
 */
export interface ParserError {
  site: string;
  reference: RegExp;
  /** One file, or a package folder (relative path -> text); `«»` marks wit-ls's range. */
  wit?: string | Record<string, string>;
  ours?: RegExp;
  notRaised?: string;
}

export const PARSER_ERRORS: ParserError[] = [
  // ---- ast/lex.rs: detect_invalid_input (the whole text, comments included) ----
  { site: 'lex.rs detect_invalid_input: control code', reference: /^Control code '\\u\{7\}'/, wit: 'package a:b;\n// «\u0007»\ninterface i {}', ours: /^Control code '\\u\{7\}'/ },
  { site: 'lex.rs detect_invalid_input: bidirectional override', reference: /bidirectional override codepoint/, wit: 'package a:b;\n/* «\u202e» */\ninterface i {}', ours: /^Input contains bidirectional override codepoint '\\u\{202e\}'/ },
  { site: 'lex.rs detect_invalid_input: discouraged code point', reference: /is discouraged by Unicode/, wit: 'package a:b;\n/// «\u17a3»\ninterface i {}', ours: /^Codepoint '\\u\{17a3\}' is discouraged by Unicode/ },
  // ---- ast/lex.rs: Tokenizer::next_raw and friends ----
  { site: 'lex.rs next_raw: Error::Unexpected', reference: /^unexpected character '#'/, wit: 'package a:b;\ninterface i { «#» }', ours: /^unexpected character `#`/ },
  { site: 'lex.rs next_raw: a lone carriage return (CrlfFold)', reference: /^unexpected character '\\r'/, wit: 'package a:b;\ninterface i {«\r»}', ours: /^unexpected character '\\r'/ },
  { site: 'lex.rs next_raw: `-` not followed by `>` is a token of its own (for versions)', reference: /^expected ';', found `-`/, wit: 'package a:b;\ninterface i { f: func() «-» u8; }', ours: /unexpected character `-`/ },
  { site: 'lex.rs next_raw: Error::UnterminatedComment', reference: /^unterminated block comment/, wit: 'package a:b;\ninterface i {} «/*» x', ours: /^unterminated block comment/ },
  { site: 'lex.rs next_raw: Error::InvalidCharInString (strings end at a line end)', reference: /^invalid string character '\\n'/, wit: 'package a:b;\ninterface i { @external-id(«\"»x) type t = u8; }', ours: /unexpected character `"`/ },
  { site: 'lex.rs validate_id: Error::InvalidCharInId (upper case)', reference: /^invalid character in identifier/, wit: 'package a:b;\ninterface i { type «Foo» = u8; }', ours: /invalid identifier `Foo`: each part of a name is all lowercase or all uppercase/ },
  { site: 'lex.rs validate_id: Error::InvalidCharInId (underscore)', reference: /^invalid character in identifier '_'/, wit: 'package a:b;\ninterface i { type «a_b» = u8; }', ours: /invalid character `_` in identifier `a_b`/ },
  { site: 'lex.rs validate_id: Error::InvalidCharInId (combining mark first)', reference: /^invalid character in identifier '\\u\{301\}'/, wit: 'package a:b;\ninterface i { type «e\u0301» = u8; }', ours: /invalid character `\u0301` in identifier/ },
  { site: 'lex.rs validate_id: Error::IdPartEmpty', reference: /^identifiers must have characters between '-'s/, wit: 'package a:b;\ninterface i { type «a--b» = u8; }', ours: /identifiers must have characters between `-`s/ },
  {
    // `validate_id` checks stream-safe NFC first, but jco's wit-parser reports the combining
    // mark that starts a name part, as wit-ls does: the NFC site is preempted.
    site: 'lex.rs validate_id: Error::IdNotSSNFC (preempted by InvalidCharInId)',
    reference: /^invalid character in identifier '\\u\{300\}'/,
    wit: 'package a:b;\ninterface i { type «a\u0300» = u8; }',
    ours: /invalid character `\u0300` in identifier/,
  },
  { site: 'lex.rs Tokenizer::expect: Error::Wanted', reference: /^expected '\{', found keyword `interface`/, wit: 'package a:b«»\ninterface i {}', ours: /expected `;`/ },
  // In a folder: the reference check appends a world to a single file, which would hide the end.
  { site: 'lex.rs Tokenizer::expect: Error::Wanted at end of file', reference: /^failed to parse package/, wit: { 'a.wit': 'package a:b;\ninterface i {«»', 'b.wit': 'interface j {}' }, ours: /expected `}`/ },
  // ---- ast.rs: the parser ----
  { site: 'ast.rs AstItem::parse: expected `world`, `interface` or `use`', reference: /^expected `world`, `interface` or `use`, found keyword `type`/, wit: 'package a:b;\n«type» t = u8;', ours: /./ },
  { site: 'ast.rs PackageFile::parse_nested: cannot place attributes on nested packages', reference: /^cannot place attributes on nested packages/, wit: 'package a:b;\n«@»since(version = 1.0.0)\npackage c:d {}', ours: /unexpected `@`/ },
  { site: 'ast.rs DeclList: nested packages must be placed at the top-level', reference: /^nested packages must be placed at the top-level/, wit: 'package a:b;\npackage c:d { package «e:f» {} }', ours: /^nested packages must be placed at the top-level$/ },
  { site: 'ast.rs ToplevelUse: attributes not allowed on top-level use', reference: /^attributes not allowed on top-level use/, wit: 'package a:b;\ninterface j {}\n«@»since(version = 1.0.0) use j as k;', ours: /unexpected `@`/ },
  { site: 'ast.rs WorldItem::parse: expected `import`, `export`, `include`, `use`, or type definition', reference: /^expected `import`, `export`, `include`, `use`, or type definition/, wit: 'package a:b;\nworld w { «func» }', ours: /./ },
  { site: 'ast.rs InterfaceItem::parse: expected `type`, `resource` or `func`', reference: /^expected `type`, `resource` or `func`/, wit: 'package a:b;\ninterface i { «import» x; }', ours: /./ },
  { site: 'ast.rs ResourceFunc::parse: expected `constructor` or identifier', reference: /^expected `constructor` or identifier, found keyword `async`/, wit: 'package a:b;\ninterface i { resource r { «async constructor»(); } }', ours: /a constructor cannot be `async`/ },
  { site: 'ast.rs parse_id: expected an identifier or string', reference: /^expected an identifier or string, found keyword `option`/, wit: 'package a:b;\ninterface i { type «option» = u8; }', ours: /expected a name, found keyword `option`/ },
  { site: 'ast.rs Type::parse: expected a type', reference: /^expected a type, found '>'/, wit: 'package a:b;\ninterface i { type t = list<«»>; }', ours: /expected a type/ },
  { site: 'ast.rs Type::parse: list<T, N> expected a fixed length', reference: /^expected fixed-length, found an identifier/, wit: 'package a:b;\ninterface i { type t = list<u8, «x»>; }', ours: /./ },
  { site: 'ast.rs Type::parse: list<T, N> size out of range', reference: /^invalid list size: number too large to fit in target type/, wit: 'package a:b;\ninterface i { type t = list<u8, «99999999999»>; }', ours: /^invalid list size: number too large to fit in target type/ },
  { site: 'ast.rs Attribute::parse_list: unknown attribute', reference: /^unknown attribute `foo`/, wit: 'package a:b;\n@«foo»\ninterface i {}', ours: /expected an attribute name after `@`, found name `foo`/ },
  { site: 'ast.rs eat_id: expected `version`', reference: /^expected `version`, found `feature`/, wit: 'package a:b;\n@since(«feature» = x)\ninterface i {}', ours: /expected `version` in `@since\(...\)`, found `feature`/ },
  { site: 'ast.rs eat_id: expected `feature`', reference: /^expected `feature`, found `version`/, wit: 'package a:b;\n@unstable(«version» = 1.0.0)\ninterface i {}', ours: /expected `feature`/ },
  { site: 'ast.rs parse_version: expected an integer', reference: /^expected an integer, found/, wit: 'package a:b@«x»;\ninterface i {}', ours: /./ },
  { site: 'ast.rs parse_version: semver (leading zero)', reference: /^invalid leading zero in major version number/, wit: 'package a:b@«01.0.0»;\ninterface i {}', ours: /^invalid leading zero in major version number/ },
  { site: 'ast.rs parse_version: semver (pre-release leading zero)', reference: /^invalid leading zero in pre-release identifier/, wit: 'package a:b@«1.0.0-rc.01»;\ninterface i {}', ours: /^invalid leading zero in pre-release identifier/ },
  { site: 'ast.rs parse_version: semver (character)', reference: /^unexpected character '_' after pre-release identifier/, wit: 'package a:b@«1.0.0-a_b»;\ninterface i {}', ours: /^unexpected character '_' after pre-release identifier/ },
  { site: 'ast.rs SourceMap: `float32` renamed (require_f32_f64)', reference: /the `float32` type has been renamed to `f32`/, wit: 'package a:b;\ninterface i { type t = «float32»; }', ours: /renamed to `f32`/ },
  // ---- ast/resolve.rs: the resolver of one package ----
  { site: 'ast/resolve.rs: no `package` header', reference: /^no `package` header was found in any WIT file for this package/, wit: '«»interface i {}', ours: /^no `package` header was found in any WIT file for this package/ },
  // jco passes on only the outer context of an error in a folder: `failed to parse package: DIR`.
  { site: 'ast/resolve.rs: package identifier does not match', reference: /^failed to parse package/, wit: { 'a.wit': 'package a:b;\ninterface i {}', 'b.wit': 'package «a:c»;\ninterface j {}' }, ours: /^package identifier `a:c` does not match previous package name of `a:b`/ },
  { site: 'ast/resolve.rs: duplicate item named', reference: /^duplicate item named `i`/, wit: 'package a:b;\ninterface i {}\ninterface «i» {}', ours: /^duplicate item named `i`/ },
  { site: 'ast/resolve.rs: duplicate name in this file (top-level use)', reference: /^duplicate name `i` in this file/, wit: 'package a:b;\ninterface j {}\nuse j as i;\ninterface «i» {}', ours: /^duplicate name `i` in this file/ },
  { site: 'ast/resolve.rs: interface or world does not exist', reference: /^interface or world `nope` does not exist/, wit: 'package a:b;\nworld w { import «nope»; }', ours: /^interface or world `nope` does not exist/ },
  { site: 'ast/resolve.rs: defined as a world, not an interface', reference: /^name `w` is defined as a world, not an interface/, wit: 'package a:b;\nworld w {}\nworld x { import «w»; }', ours: /^name `w` is defined as a world, not an interface/ },
  { site: 'ast/resolve.rs: defined as an interface, not a world', reference: /^name `j` is defined as an interface, not a world/, wit: 'package a:b;\ninterface j {}\nworld w { include «j»; }', ours: /^name `j` is defined as an interface, not a world/ },
  { site: 'ast/resolve.rs: name defined more than once', reference: /^name `t` is defined more than once/, wit: 'package a:b;\ninterface i { type t = u8; type «t» = u16; }', ours: /^name `t` is defined more than once/ },
  { site: 'ast/resolve.rs: type does not exist', reference: /^type `nope` does not exist/, wit: 'package a:b;\ninterface i { type t = «nope»; }', ours: /^type `nope` does not exist/ },
  { site: 'ast/resolve.rs: name does not exist (use)', reference: /^name `t` does not exist/, wit: 'package a:b;\ninterface j {}\ninterface i { use j.{«t»}; }', ours: /^name `t` does not exist/ },
  { site: 'ast/resolve.rs: cannot import function', reference: /^cannot import function `f`/, wit: 'package a:b;\ninterface j { f: func(); }\ninterface i { use j.{«f»}; }', ours: /^cannot import function `f`/ },
  { site: 'ast/resolve.rs: cannot use function as a type', reference: /^cannot use function `f` as a type/, wit: 'package a:b;\ninterface i { f: func(); g: func(x: «f»); }', ours: /^cannot use function `f` as a type/ },
  { site: 'ast/resolve.rs: handle of a non-resource', reference: /^type `t` used in a handle must be a resource/, wit: 'package a:b;\ninterface i { type t = u8; type h = own<«t»>; }', ours: /^type `t` used in a handle must be a resource/ },
  { site: 'ast/resolve.rs: param defined more than once', reference: /^param `a` is defined more than once/, wit: 'package a:b;\ninterface i { f: func(a: u8, «a»: u8); }', ours: /^param `a` is defined more than once/ },
  { site: 'ast/resolve.rs: duplicate function name (resource)', reference: /^duplicate function name `m`/, wit: 'package a:b;\ninterface i { resource r { m: func(); «m»: static func(); } }', ours: /^duplicate function name `m`/ },
  { site: 'ast/resolve.rs: duplicate constructors', reference: /^duplicate constructors/, wit: 'package a:b;\ninterface i { resource r { constructor(); «constructor»(a: u8); } }', ours: /^duplicate constructors/ },
  { site: 'ast/resolve.rs: constructor result must be a result', reference: /^if a constructor return type is declared it must be a `result`/, wit: 'package a:b;\ninterface i { resource r { constructor() -> «u32»; } }', ours: /^if a constructor return type is declared it must be a `result`/ },
  { site: 'ast/resolve.rs: constructor ok type', reference: /^the `ok` type must be the resource being constructed/, wit: 'package a:b;\ninterface i { resource r { constructor() -> «result<_, string>»; } }', ours: /^the `ok` type must be the resource being constructed/ },
  { site: 'ast/resolve.rs: empty enum', reference: /^empty enum/, wit: 'package a:b;\ninterface i { enum «e» {} }', ours: /^empty enum/ },
  { site: 'ast/resolve.rs: empty variant', reference: /^empty variant/, wit: 'package a:b;\ninterface i { variant «v» {} }', ours: /^empty variant/ },
  { site: 'ast/resolve.rs: borrow in a result', reference: /^function `f` returns a type which contains a `borrow<T>` which is not supported/, wit: 'package a:b;\ninterface i { resource r; «f»: func() -> option<borrow<r>>; }', ours: /^function `f` returns a type which contains a `borrow<T>` which is not supported/ },
  { site: 'ast/resolve.rs: map key type', reference: /^invalid map key type/, wit: 'package a:b;\ninterface i { type m = «map<f32», u8>; }', ours: /^invalid map key type/ },
  { site: 'ast/resolve.rs: map key type on a later line than `map`', reference: /^invalid map key type/, wit: 'package a:b;\ninterface i {\n  type m = «map<\n    f32», u8>;\n}', ours: /^invalid map key type/ },
  { site: 'ast/resolve.rs: type nesting too deep', reference: /^type nesting too deep/, wit: `package a:b;\ninterface i { type t = ${'list<'.repeat(99)}«list<u8>»${'>'.repeat(99)}; }`, ours: /^type nesting too deep/ },
  { site: 'ast/resolve.rs: world import conflict', reference: /^import `f` conflicts with prior func of same name/, wit: 'package a:b;\nworld w { import f: func(); import «f»: func(); }', ours: /^import `f` conflicts with prior func of same name/ },
  { site: 'ast/resolve.rs: world export conflict', reference: /^export `f` conflicts with prior func of same name/, wit: 'package a:b;\nworld w { export f: func(); export «f»: func(); }', ours: /^export `f` conflicts with prior func of same name/ },
  { site: 'ast/resolve.rs: interface imported twice', reference: /^interface cannot be imported more than once/, wit: 'package a:b;\ninterface j {}\nworld w { import j; import «j»; }', ours: /^interface cannot be imported more than once/ },
  { site: 'ast/resolve.rs: interface exported twice', reference: /^interface cannot be exported more than once/, wit: 'package a:b;\ninterface j {}\nworld w { export j; export «j»; }', ours: /^interface cannot be exported more than once/ },
  { site: 'ast/resolve.rs: @since twice', reference: /^cannot specify @since twice/, wit: 'package a:b@1.0.0;\n@since(version = 1.0.0) «@since(version = 1.0.0)»\ninterface i {}', ours: /^cannot specify @since twice/ },
  { site: 'ast/resolve.rs: @since and @unstable', reference: /^cannot specify both @since and @unstable/, wit: 'package a:b@1.0.0;\ninterface i { resource r { @unstable(feature = x) «@since(version = 1.0.0)» m: func(); } }', ours: /^cannot specify both @since and @unstable/ },
  { site: 'ast/resolve.rs: @deprecated alone', reference: /^cannot specify both @deprecated without @since or @unstable/, wit: 'package a:b@1.0.0;\n«@deprecated(version = 1.0.0)»\ninterface i {}', ours: /^cannot specify both @deprecated without @since or @unstable/ },
  // wit-parser reports a reference to an excluded type when it remaps the typedef or function
  // naming it (resolve.rs update_typedef / update_function), at that item's name; an anonymous
  // type around the reference takes the excluded type's stability (ast/resolve.rs find_stability)
  // and is dropped with it, unless an element before gave it another stability.
  { site: 'resolve.rs update_typedef: excluded type referenced by an alias', reference: /^found a reference to a type which is excluded due to its feature not being activated/, wit: 'package a:b;\ninterface i { @unstable(feature = x) type t = u8; type «u» = t; }', ours: /^found a reference to a type which is excluded due to its feature not being activated/ },
  { site: 'resolve.rs update_typedef: excluded type in a record field', reference: /^found a reference to a type which is excluded due to its feature not being activated/, wit: 'package a:b;\ninterface i {\n  @unstable(feature = x) type t = u8;\n  record «r» {\n    a: u8,\n    b: option<t>,\n  }\n}', ours: /^found a reference to a type which is excluded due to its feature not being activated/ },
  { site: 'resolve.rs update_function: excluded type in a parameter', reference: /^found a reference to a type which is excluded due to its feature not being activated/, wit: 'package a:b;\ninterface i {\n  @unstable(feature = x) type t = u8;\n  «f»: func(\n    a: list<tuple<u8, t>>,\n  );\n}', ours: /^found a reference to a type which is excluded due to its feature not being activated/ },
  { site: 'resolve.rs update_function: excluded type in a world import', reference: /^found a reference to a type which is excluded due to its feature not being activated/, wit: 'package a:b;\nworld w {\n  @unstable(feature = x) resource r;\n  import «f»: func(\n    a: borrow<r>,\n  );\n}', ours: /^found a reference to a type which is excluded due to its feature not being activated/ },
  { site: 'resolve.rs update_typedef: an anonymous type its typedef\'s own stability keeps', reference: /^found a reference to a type which is excluded due to its feature not being activated/, wit: 'package a:b@1.0.0;\ninterface i {\n  @unstable(feature = x) type t = u8;\n  @since(version = 1.0.0)\n  record r {\n    a: option<\n      «list<t>»>,\n  }\n}', ours: /^found a reference to a type which is excluded due to its feature not being activated/ },
  { site: 'resolve.rs update_typedef: an anonymous type a stable element keeps', reference: /^found a reference to a type which is excluded due to its feature not being activated/, wit: 'package a:b@1.0.0;\ninterface i {\n  @unstable(feature = x) type t = u8;\n  @since(version = 1.0.0) type s = u8;\n  record r {\n    a: «tuple<s, t>»,\n  }\n}', ours: /^found a reference to a type which is excluded due to its feature not being activated/ },
  { site: 'ast/resolve.rs: excluded interface referenced', reference: /^found a reference to a interface which is excluded/, wit: 'package a:b;\n@unstable(feature = x)\ninterface j { }\nworld w { import «j»; }', ours: /^found a reference to a interface which is excluded/ },
  { site: 'ast/resolve.rs: a type of an excluded interface', reference: /this type is not gated by a feature but its interface is/, wit: 'package a:b;\n@unstable(feature = x)\ninterface i { resource «y»; }', ours: /this type is not gated by a feature but its interface is/ },
  { site: 'ast/resolve.rs: a world type behind an inactive feature', reference: /^found a reference to a type which is excluded due to its feature not being activated/, wit: 'package a:b;\nworld w { @unstable(feature = x) type «t» = u8; }', ours: /^found a reference to a type which is excluded/ },
  { site: 'ast/resolve.rs: a function of a resource behind an inactive feature', reference: /^found a reference to a type which is excluded due to its feature not being activated/, wit: 'package a:b;\ninterface i { @unstable(feature = x) resource r { «m»: func(); } }', ours: /^found a reference to a type which is excluded/ },
  { site: 'ast/resolve.rs: a constructor of a resource behind an inactive feature', reference: /^found a reference to a type which is excluded due to its feature not being activated/, wit: 'package a:b;\ninterface i { @unstable(feature = x) resource r { «constructor»(); } }', ours: /^found a reference to a type which is excluded/ },
  { site: 'ast/resolve.rs: case-insensitive world names', reference: /^import `T` in world `w` conflicts with import `t` \(kebab-case identifiers are case-insensitive\)/, wit: 'package a:b;\nworld w { type t = u8; type «T» = u16; }', ours: /conflicts with import `t` \(kebab-case identifiers are case-insensitive\)/ },
  { site: 'ast/resolve.rs: include shadowing', reference: /^import of `x` shadows previously imported items/, wit: 'package a:b;\nworld v { import x: func(); }\nworld w { include «v»; import x: func(); }', ours: /^import of `x` shadows previously imported items/ },
  { site: 'ast/resolve.rs: include with unknown name', reference: /^no import or export kebab-name `y`/, wit: 'package a:b;\nworld v {}\nworld w { include v with { «y» as z } }', ours: /^no import or export kebab-name `y`/ },
  { site: 'ast/resolve.rs: duplicate nested package', reference: /^package `c:d` is defined in two different locations/, wit: 'package a:b;\npackage c:d { interface i {} }\npackage «c:d» { interface j {} }', ours: /^package `c:d` is defined in two different locations/ },
  { site: 'ast/resolve.rs: @since without a package version', reference: /^package \[a:b\] contains a feature gate with a version specifier, so it must have a version/, wit: 'package a:b;\ninterface i { resource r { @since(version = 1.0.0) «m»: func(); } }', ours: /^package \[a:b\] contains a feature gate with a version specifier, so it must have a version/ },
  { site: 'ast/resolve.rs: @since an unreleased version', reference: /^feature gate cannot reference unreleased version 2\.0\.0 of package \[a:b@1\.0\.0\] \(current version 1\.0\.0\)/, wit: 'package a:b@1.0.0;\ninterface i { resource r { @since(version = 2.0.0) «m»: static func(); } }', ours: /^feature gate cannot reference unreleased version 2\.0\.0/ },
  // jco's wit-parser checks @since on an interface-level `use` too (only a top-level `use` refuses attributes).
  { site: 'ast/resolve.rs: @since an unreleased version on an interface-level use', reference: /^feature gate cannot reference unreleased version 2\.0\.0/, wit: 'package a:b@1.0.0;\ninterface j { type t = u8; }\ninterface i { @since(version = 2.0.0) use «j».{t}; }', ours: /^feature gate cannot reference unreleased version 2\.0\.0/ },
  // ---- ast/toposort.rs ----
  { site: 'toposort.rs: type depends on itself', reference: /^type `b` depends on itself/, wit: 'package a:b;\ninterface i { type a = «b»; type b = option<a>; }', ours: /^type `b` depends on itself/ },
  { site: 'toposort.rs: interface or world depends on itself', reference: /^interface or world `i` depends on itself/, wit: 'package a:b;\ninterface «i» { use i.{t}; }', ours: /^interface or world `i` depends on itself/ },
  // ---- resolve.rs / resolve/mod.rs: packages together ----
  { site: 'resolve.rs: package not found', reference: /^package 'x:y@1\.0\.0' not found/, wit: 'package a:b;\ninterface i { use «x:y»/z@1.0.0.{t}; }', ours: /^package 'x:y@1\.0\.0' not found/ },
  { site: 'resolve.rs: interface not found in package', reference: /^interface 'w' not found in package 'c:d'/, wit: 'package a:b;\ninterface i { use c:d/«w».{t}; }\npackage c:d { world w {} }', ours: /^interface 'w' not found in package 'c:d'/ },
  { site: 'resolve.rs: package dependency cycle', reference: /creates a dependency cycle/, wit: 'package a:b;\ninterface i { use «c:d»/j.{t}; }\npackage c:d { interface j { use a:b/k.{u}; type t = u8; } }\ninterface k { type u = u8; }', ours: /^package `c:d` creates a dependency cycle/ },
  { site: 'resolve.rs elaborate_world: incompatible interface dependencies', reference: /^interface `a:b\/i3` transitively depends on an interface in incompatible ways/, wit: 'package a:b;\ninterface i1 { type t = u32; }\ninterface i2 { use i1.{t}; }\ninterface i3 { use i2.{t}; }\nworld «w» { export i1; export i3; }', ours: /^interface `a:b\/i3` transitively depends on an interface in incompatible ways/ },
  {
    site: 'resolve.rs select_world: no world, or several, to embed',
    reference: /^$/,
    notRaised: 'choosing the world to embed is a question for `wasm-tools component embed`, not of the WIT: a package without a world, or with several, is valid WIT, and wit-ls checks WIT',
  },
  {
    site: 'decoding.rs and resolve.rs push_dir: encoded (.wasm/.wat) dependencies',
    reference: /^$/,
    notRaised: 'wit-ls does not decode binary packages in deps/; where one is present, foreign names it could define are not reported as unknown, and its decoding errors (a bad binary, a merge conflict with it) are left to wasm-tools',
  },
  {
    site: 'resolve.rs push_dir / push_file: file-system errors (unreadable folder or file)',
    reference: /^$/,
    notRaised: 'the model does no I/O: `wit-ls check` reports an unreadable path itself (`cannot read PATH`, exit code 2), and the editor only sees what it can read',
  },
];
