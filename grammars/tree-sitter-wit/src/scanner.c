// External scanner for WIT: comments and identifiers.
//
// Comments: `//` to the end of the line, and `/* ... */` that nest, which a regular
// expression cannot match.
//
// Identifiers: kebab-case words, optionally `%`-escaped. A plain word that is a WIT
// keyword is refused, so the parser sees the keyword token and reports a keyword in a
// name position as an error, as wit-parser does. `%` escapes a keyword (`%type`).

#include "tree_sitter/parser.h"

#include <stdbool.h>

enum TokenType { COMMENT, IDENTIFIER };

static const char *const KEYWORDS[] = {
  "as", "async", "bool", "borrow", "char", "constructor", "enum", "error-context",
  "export", "f32", "f64", "flags", "from", "func", "future", "import", "include",
  "interface", "list", "map", "option", "own", "package", "record", "resource",
  "result", "s8", "s16", "s32", "s64", "static", "stream", "string", "tuple", "type",
  "u8", "u16", "u32", "u64", "use", "variant", "with", "world",
};

// Longer than every keyword; a longer word cannot be one.
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

// No libc here: the wasm build links none, and this is all the string handling needed.
static bool equals(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

static bool is_keyword(const char *word) {
  for (unsigned i = 0; i < sizeof(KEYWORDS) / sizeof(KEYWORDS[0]); i++) {
    if (equals(word, KEYWORDS[i])) return true;
  }
  return false;
}

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
  // Unterminated: no token, so the parser reports an error here, as wit-parser does.
  return false;
}

// One kebab segment: letters and digits, all lowercase or all uppercase.
// Returns false on mixed case, which wit-parser rejects.
static bool scan_segment(TSLexer *lexer, char *word, unsigned *length) {
  bool lower = false, upper = false;
  while (is_alnum(lexer->lookahead)) {
    int32_t c = lexer->lookahead;
    lower |= is_lower(c);
    upper |= is_upper(c);
    if (*length < MAX_KEYWORD_LENGTH) word[*length] = (char)c;
    (*length)++;
    lexer->advance(lexer, false);
  }
  return !(lower && upper);
}

static bool scan_identifier(TSLexer *lexer) {
  bool escaped = false;
  if (lexer->lookahead == '%') {
    escaped = true;
    lexer->advance(lexer, false);
  }
  if (!is_lower(lexer->lookahead) && !is_upper(lexer->lookahead)) return false;

  char word[MAX_KEYWORD_LENGTH + 1];
  unsigned length = 0;
  for (;;) {
    if (!scan_segment(lexer, word, &length)) return false;
    lexer->mark_end(lexer);
    if (lexer->lookahead != '-') break;
    // A '-' continues the word only when a segment follows (`a->b` is `a`, `->`, `b`).
    lexer->advance(lexer, false);
    if (!is_alnum(lexer->lookahead)) break;
    if (length < MAX_KEYWORD_LENGTH) word[length] = '-';
    length++;
  }
  if (!escaped && length <= MAX_KEYWORD_LENGTH) {
    word[length] = '\0';
    if (is_keyword(word)) return false;
  }
  lexer->result_symbol = IDENTIFIER;
  return true;
}

bool tree_sitter_wit_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  (void)payload;
  while (lexer->lookahead == ' ' || lexer->lookahead == '\t' || lexer->lookahead == '\n' ||
         lexer->lookahead == '\r') {
    lexer->advance(lexer, true);
  }
  if (lexer->lookahead == '/' && valid_symbols[COMMENT]) return scan_comment(lexer);
  if (valid_symbols[IDENTIFIER]) return scan_identifier(lexer);
  return false;
}
