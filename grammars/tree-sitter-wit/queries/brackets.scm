; Matching brackets (Zed): `->` is an operator, not a closing `>`, since only the `<` and
; `>` tokens of types are captured.

("(" @open
  ")" @close)

("{" @open
  "}" @close)

("<" @open
  ">" @close)
