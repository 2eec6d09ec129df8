// editors/emacs/wit-mode.el in the installed Emacs: it byte-compiles without warnings, and a
// .wit file gets the mode, its highlighting, indentation, comments and imenu index.
// Skips where `emacs` is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { KEYWORDS } from '../../server/src/analysis/syntax';
import { ROOT } from '../helpers/parser';

const emacsVersion = spawnSync('emacs', ['--version'], { encoding: 'utf8' });
const missing = emacsVersion.status === 0 ? false : 'skipped: no `emacs` on PATH';

const UNINDENTED = `// a comment
package wasi:io@0.3.0;
/* outer /* nested */ still comment */
interface streams {
use types.{error-code};
@since(version = 0.3.0)
resource descriptor {
write: async func(data: stream<u8>) -> result<_, error-code>;
%type: static func() -> u8;
}
}
world w { import streams; }
`;

const INDENTED = `// a comment
package wasi:io@0.3.0;
/* outer /* nested */ still comment */
interface streams {
  use types.{error-code};
  @since(version = 0.3.0)
  resource descriptor {
    write: async func(data: stream<u8>) -> result<_, error-code>;
    %type: static func() -> u8;
  }
}
world w { import streams; }
`;

const CHECK_EL = `
(require (quote subr-x))
(require (quote seq))
(setq byte-compile-error-on-warn t)
(unless (byte-compile-file (expand-file-name "wit-mode.el")) (kill-emacs 3))
(load (expand-file-name "wit-mode.elc") nil t)
(find-file "sample.wit")
(princ (format "mode %s\\n" major-mode))
(font-lock-ensure)
(dolist (probe '("package" "wasi" "0.3.0" "interface" "streams" "@since" "descriptor" "write" "async" "stream<" "u8>" "result" "%type" "nested" "still"))
  (goto-char (point-min))
  (search-forward probe)
  (princ (format "face %s %s\\n" probe (get-text-property (match-beginning 0) 'face))))
(princ (format "keywords %s\\n" (string-join (sort (append wit-mode-keywords wit-mode-builtin-types nil) #'string<) " ")))
(indent-region (point-min) (point-max))
(princ (format "indented\\n%s--end--\\n" (buffer-substring-no-properties (point-min) (point-max))))
(require 'imenu)
(princ (format "imenu %s\\n" (string-join (mapcar #'car (apply #'append (mapcar #'cdr (seq-filter (lambda (g) (listp (cdr g))) (imenu--make-index-alist t))))) " ")))
`;

describe(`wit-mode for Emacs (${missing || emacsVersion.stdout.split('\n')[0]})`, { skip: missing }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-emacs-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('highlights, indents and indexes a .wit file, and knows every WIT keyword', () => {
    fs.copyFileSync(path.join(ROOT, 'editors/emacs/wit-mode.el'), path.join(dir, 'wit-mode.el'));
    fs.writeFileSync(path.join(dir, 'sample.wit'), UNINDENTED);
    fs.writeFileSync(path.join(dir, 'check.el'), CHECK_EL);
    const emacs = spawnSync('emacs', ['--batch', '-Q', '-l', path.join(dir, 'check.el')], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const output = `${emacs.stdout}\n${emacs.stderr}`;
    assert.equal(emacs.status, 0, `emacs failed (3: byte-compile warnings):\n${output}`);
    const lines = output.split('\n');
    assert.ok(lines.includes('mode wit-mode'), output);
    const faces = Object.fromEntries(lines.filter((l) => l.startsWith('face ')).map((l) => l.slice(5).split(' ')));
    assert.deepEqual(faces, {
      package: 'font-lock-keyword-face',
      wasi: 'font-lock-constant-face',
      '0.3.0': 'font-lock-string-face',
      interface: 'font-lock-keyword-face',
      streams: 'font-lock-type-face',
      '@since': 'font-lock-preprocessor-face',
      descriptor: 'font-lock-type-face',
      write: 'font-lock-function-name-face',
      async: 'font-lock-keyword-face',
      'stream<': 'font-lock-builtin-face',
      'u8>': 'font-lock-builtin-face',
      result: 'font-lock-builtin-face',
      '%type': 'font-lock-function-name-face',
      nested: 'font-lock-comment-face',
      still: 'font-lock-comment-face',
    });
    assert.equal(lines.find((l) => l.startsWith('keywords ')), `keywords ${[...KEYWORDS].sort().join(' ')}`, 'the mode knows exactly the WIT keywords');
    assert.equal(output.slice(output.indexOf('indented\n') + 'indented\n'.length, output.indexOf('--end--')), INDENTED);
    assert.ok(lines.includes('imenu streams w descriptor write %type'), output);
  });
});
