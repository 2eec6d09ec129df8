// External scanner for WIT: comments and identifiers.
//
// Comments: `//` to the end of the line, and `/* ... */` that nest, which a regular
// expression cannot match.
//
// Identifiers: kebab-case words, optionally `%`-escaped. A plain word that is a WIT
// keyword is refused, so the parser sees the keyword token and reports a keyword in a
// name position as an error, as wit-parser does. `%` escapes a keyword (`%type`).
//
// Every token this scanner starts, it finishes: the whole word, or the whole comment.
// Tree-sitter calls the scanner again at each position while it recovers from an error,
// so a scan that read to the end of the text and then gave up (an unclosed `/*`, a long
// word with a capital letter in the middle) made parsing quadratic. Such text now becomes
// one token of its own kind, which no rule accepts: the parser reports it once, as
// wit-parser does ("unterminated block comment", "invalid character in identifier").

#include "tree_sitter/parser.h"

#include <stdbool.h>

enum TokenType { COMMENT, IDENTIFIER, UNTERMINATED_COMMENT, INVALID_IDENTIFIER };

static const char *const KEYWORDS[] = {
  "as", "async", "bool", "borrow", "char", "constructor", "enum", "error-context",
  "export", "f32", "f64", "flags", "from", "func", "future", "import", "include",
  "interface", "list", "map", "option", "own", "package", "record", "resource",
  "result", "s8", "s16", "s32", "s64", "static", "stream", "string", "tuple", "type",
  "u8", "u16", "u32", "u64", "use", "variant", "with", "world",
};

// Words the grammar matches as tokens of their own only inside attributes
// (`@since(version = 1.0.0)`); elsewhere they are ordinary names.
static const char *const ATTRIBUTE_WORDS[] = {
  "since", "unstable", "deprecated", "external-id", "version", "feature",
};

// Longer than every keyword and attribute word; a longer word cannot be one.
#define MAX_KEYWORD_LENGTH 16

void *tree_sitter_wit_external_scanner_create(void) { return NULL; }
void tree_sitter_wit_external_scanner_destroy(void *payload) { (void)payload; }
unsigned tree_sitter_wit_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}
void tree_sitter_wit_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

static bool is_lower(int32_t c) { return c >= 'a' && c <= 'z'; }
static bool is_upper(int32_t c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }
static bool is_alnum(int32_t c) { return is_lower(c) || is_upper(c) || is_digit(c); }

// Characters wit-parser's lexer takes into one word before it checks that the word is
// kebab-case: letters of any script (approximated as every non-ASCII character but
// spaces, invisible formatting characters and bidirectional controls), digits and `_`.
static bool is_word_char(int32_t c) {
  if (c < 0x80) return is_alnum(c) || c == '_';
  if (c == 0xa0 || c == 0xad || c == 0xfeff || c == 0x3000) return false;
  if (c >= 0x2000 && c <= 0x206f) return false;
  return true;
}

// No libc here: the wasm build links none, and this is all the string handling needed.
static bool equals(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

static bool is_one_of(const char *word, const char *const *list, unsigned count) {
  for (unsigned i = 0; i < count; i++) {
    if (equals(word, list[i])) return true;
  }
  return false;
}

#define COUNT(list) (sizeof(list) / sizeof(list[0]))

static bool scan_comment(TSLexer *lexer) {
  lexer->advance(lexer, false);  // the first '/'
  if (lexer->lookahead == '/') {
    while (lexer->lookahead != '\n' && !lexer->eof(lexer)) lexer->advance(lexer, false);
    lexer->mark_end(lexer);
    lexer->result_symbol = COMMENT;
    return true;
  }
  if (lexer->lookahead != '*') return false;
  lexer->advance(lexer, false);
  unsigned depth = 1;
  while (!lexer->eof(lexer)) {
    int32_t c = lexer->lookahead;
    lexer->advance(lexer, false);
    if (c == '*' && lexer->lookahead == '/') {
      lexer->advance(lexer, false);
      if (--depth == 0) {
        lexer->mark_end(lexer);
        lexer->result_symbol = COMMENT;
        return true;
      }
    } else if (c == '/' && lexer->lookahead == '*') {
      lexer->advance(lexer, false);
      depth++;
    }
  }
  // Unterminated: the rest of the text is one token that no rule accepts.
  lexer->mark_end(lexer);
  lexer->result_symbol = UNTERMINATED_COMMENT;
  return true;
}

// A word: kebab segments of letters and digits, each all lowercase or all uppercase,
// joined by single `-`s; the first starts with a letter. A `-` before `>` ends the word
// (`a->b` is `a`, `->`, `b`).
static bool scan_identifier(TSLexer *lexer, const bool *valid_symbols) {
  bool escaped = false;
  if (lexer->lookahead == '%') {
    escaped = true;
    lexer->advance(lexer, false);
  }
  if (!is_word_char(lexer->lookahead) || is_digit(lexer->lookahead)) {
    if (!escaped) return false;
    // A lone `%`: wit-parser lexes it as an (empty, invalid) name.
    lexer->mark_end(lexer);
    lexer->result_symbol = INVALID_IDENTIFIER;
    return true;
  }

  char word[MAX_KEYWORD_LENGTH + 1];
  unsigned length = 0;
  bool valid = true;
  bool segment_start = true, lower = false, upper = false, before_arrow = false;
  for (;;) {
    int32_t c = lexer->lookahead;
    if (is_word_char(c)) {
      if (length == 0 && !is_lower(c) && !is_upper(c)) valid = false;
      if (!is_alnum(c)) valid = false;
      lower |= is_lower(c);
      upper |= is_upper(c);
      segment_start = false;
      if (length < MAX_KEYWORD_LENGTH) word[length] = (char)c;
      length++;
      lexer->advance(lexer, false);
      continue;
    }
    if (c != '-') break;
    lexer->mark_end(lexer);
    lexer->advance(lexer, false);
    if (lexer->lookahead == '>') {  // `a->b`: the word ends before the arrow
      before_arrow = true;
      break;
    }
    if (segment_start || (lower && upper)) valid = false;  // `a--b`, `aB-c`
    segment_start = true;
    lower = upper = false;
    if (length < MAX_KEYWORD_LENGTH) word[length] = '-';
    length++;
  }
  if (!before_arrow) {
    lexer->mark_end(lexer);
    if (segment_start || (lower && upper)) valid = false;  // `a-`, `aB`
  } else if (lower && upper) {
    valid = false;
  }
  if (length <= MAX_KEYWORD_LENGTH) word[length] = '\0';
  // `_` alone is a keyword (`result<_, E>`) that the parser's own lexer matches.
  if (!escaped && length == 1 && word[0] == '_') return false;

  if (!valid) {
    lexer->result_symbol = INVALID_IDENTIFIER;
    return true;
  }
  if (length <= MAX_KEYWORD_LENGTH) {
    if (!escaped && is_one_of(word, KEYWORDS, COUNT(KEYWORDS))) return false;
    // Where the grammar expects an attribute word, the parser's own lexer matches it, and
    // its `%` form too: wit-parser reads `@%since(%version = ...)` as `@since(version = ...)`.
    if (!valid_symbols[IDENTIFIER] && is_one_of(word, ATTRIBUTE_WORDS, COUNT(ATTRIBUTE_WORDS))) return false;
  }
  // Also where no name is valid: the parser then reports this word as unexpected,
  // rather than reading a keyword at its start (`types` as `type` and `s`).
  lexer->result_symbol = IDENTIFIER;
  return true;
}

bool tree_sitter_wit_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  (void)payload;
  while (lexer->lookahead == ' ' || lexer->lookahead == '\t' || lexer->lookahead == '\n' ||
         lexer->lookahead == '\r') {
    lexer->advance(lexer, true);
  }
  if (lexer->lookahead == '/') return valid_symbols[COMMENT] && scan_comment(lexer);
  return scan_identifier(lexer, valid_symbols);
}
