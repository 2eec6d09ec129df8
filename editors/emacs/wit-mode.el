;;; wit-mode.el --- Major mode for WIT, the WebAssembly Component Model's interface language -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, wasm
;; URL: https://github.com/wit-ls/wit-ls
;; SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

;;; Commentary:

;; Highlighting, indentation, comments and an imenu index for `.wit' files, and the
;; `wit-ls' language server registered with eglot.  Load it from your init file:
;;
;;   (add-to-list 'load-path "/path/to/wit-ls/editors/emacs")
;;   (require 'wit-mode)
;;   (add-hook 'wit-mode-hook #'eglot-ensure)   ; diagnostics, hovers, fixes from wit-ls
;;
;; `wit-ls' must be on PATH (`npm ci && npm run build && npm link' in a checkout).

;;; Code:

(defgroup wit nil
  "WIT, the interface language of the WebAssembly Component Model."
  :group 'languages
  :prefix "wit-")

(defcustom wit-mode-indent-offset 2
  "Columns per nesting level of braces in WIT."
  :type 'integer
  :safe #'integerp)

(defconst wit-mode-keywords
  '("as" "async" "borrow" "constructor" "enum" "export" "flags" "from" "func" "import"
    "include" "interface" "own" "package" "record" "resource" "static" "type" "use"
    "variant" "with" "world")
  "WIT keywords that are not type names.")

(defconst wit-mode-builtin-types
  '("bool" "char" "error-context" "f32" "f64" "future" "list" "map" "option" "result"
    "s8" "s16" "s32" "s64" "stream" "string" "tuple" "u8" "u16" "u32" "u64")
  "WIT's built-in types, also reserved words.")

(defconst wit-mode--identifier "%?[a-zA-Z][a-zA-Z0-9]*\\(?:-[a-zA-Z0-9]+\\)*"
  "A WIT identifier: kebab-case words, optionally escaped with `%'.")

(defun wit-mode--words (words)
  "A regexp matching any of WORDS as a whole WIT word (`-' joins words)."
  (concat "\\_<" (regexp-opt words t) "\\_>"))

(defconst wit-mode-font-lock-keywords
  `(;; `package ns:name@1.2.3;' and foreign paths `ns:pkg/iface@v'.
    (,(concat "\\(" wit-mode--identifier "\\):\\(" wit-mode--identifier "\\)")
     (1 font-lock-constant-face) (2 font-lock-constant-face))
    ("@\\([0-9]+\\.[0-9]+\\.[0-9]+[-+.a-zA-Z0-9]*\\)" 1 font-lock-string-face)
    ;; Attributes: `@since(version = 0.2.0)', `@unstable(feature = x)', `@deprecated(..)'.
    ("\\(@[a-z]+\\)\\s-*(" 1 font-lock-preprocessor-face)
    ;; The name an item declares.
    (,(concat (wit-mode--words '("interface" "world" "record" "variant" "enum" "flags"
                                 "resource" "type"))
              "\\s-+\\(" wit-mode--identifier "\\)")
     2 font-lock-type-face)
    ;; Functions: `name: func(', `name: async func(', `name: static func('.
    (,(concat "^\\s-*\\(?:\\(?:import\\|export\\)\\s-+\\)?\\(" wit-mode--identifier
              "\\)\\s-*:\\s-*\\(?:\\(?:static\\|async\\)\\s-+\\)*func\\_>")
     1 font-lock-function-name-face)
    (,(wit-mode--words wit-mode-builtin-types) . font-lock-builtin-face)
    (,(wit-mode--words wit-mode-keywords) . font-lock-keyword-face))
  "Highlighting for `wit-mode'.")

(defvar wit-mode-syntax-table
  (let ((table (make-syntax-table)))
    ;; `//' line comments and nestable `/* */' block comments.
    (modify-syntax-entry ?/ ". 124" table)
    (modify-syntax-entry ?* ". 23n" table)
    (modify-syntax-entry ?\n ">" table)
    ;; `-' and `%' belong to identifiers (`error-code', `%type').
    (modify-syntax-entry ?- "_" table)
    (modify-syntax-entry ?% "_" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?< "(>" table)
    (modify-syntax-entry ?> ")<" table)
    (modify-syntax-entry ?@ "." table)
    (modify-syntax-entry ?\" "\"" table)
    table)
  "Syntax table for `wit-mode'.")

(defconst wit-mode--syntax-propertize
  (syntax-propertize-rules ("-\\(>\\)" (1 ".")))
  "The `>' of `->' is punctuation, not a closing angle bracket.")

(defun wit-mode-indent-line ()
  "Indent the current line by its depth in braces, parentheses and angle brackets."
  (interactive)
  (let* ((saved (- (point-max) (point)))
         (indent
          (save-excursion
            (back-to-indentation)
            (let* ((state (syntax-ppss))
                   (depth (car state)))
              (cond
               ;; Inside a block comment: keep the comment's own layout.
               ((nth 4 state) (current-indentation))
               (t
                (when (and (> depth 0) (memq (char-after) '(?\} ?\) ?>)))
                  (setq depth (1- depth)))
                (* (max depth 0) wit-mode-indent-offset)))))))
    (indent-line-to indent)
    (when (> (- (point-max) saved) (point))
      (goto-char (- (point-max) saved)))))

(defvar wit-mode-imenu-generic-expression
  `(("Functions" ,(concat "^\\s-*\\(" wit-mode--identifier "\\)\\s-*:\\s-*\\(?:\\(?:static\\|async\\)\\s-+\\)*func\\_>") 1)
    ("Types" ,(concat "^\\s-*\\(?:record\\|variant\\|enum\\|flags\\|resource\\|type\\)\\s-+\\(" wit-mode--identifier "\\)") 1)
    ("Worlds" ,(concat "^\\s-*world\\s-+\\(" wit-mode--identifier "\\)") 1)
    ("Interfaces" ,(concat "^\\s-*interface\\s-+\\(" wit-mode--identifier "\\)") 1))
  "Where `imenu' finds WIT's items.")

;;;###autoload
(define-derived-mode wit-mode prog-mode "WIT"
  "Major mode for WIT files, the WebAssembly Component Model's interface language."
  :syntax-table wit-mode-syntax-table
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "\\(?://+\\|/\\*+\\)\\s-*")
  (setq-local indent-line-function #'wit-mode-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local parse-sexp-lookup-properties t)
  (setq-local syntax-propertize-function wit-mode--syntax-propertize)
  (setq-local font-lock-defaults '(wit-mode-font-lock-keywords))
  (setq-local imenu-generic-expression wit-mode-imenu-generic-expression)
  (setq-local electric-indent-chars (append '(?\} ?\)) electric-indent-chars)))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.wit\\'" . wit-mode))

(with-eval-after-load 'eglot
  (defvar eglot-server-programs)
  (add-to-list 'eglot-server-programs '(wit-mode "wit-ls" "--stdio")))

(provide 'wit-mode)

;;; wit-mode.el ends here
