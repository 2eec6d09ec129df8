/**
 * Characters a terminal would act on or hide: controls (C0, DEL, C1), format characters
 * (zero-width, bidirectional overrides, the byte order mark), line and paragraph
 * separators, spaces other than U+0020, surrogates left unpaired, private-use and
 * unassigned code points.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|(?! )\p{Zs}/gu;

/**
 * `text` with every invisible or control character written as `\u{..}`, so a message
 * about a stray character shows which one it is and a file name cannot forge output lines
 * or reorder what the terminal shows.
 */
export function printable(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
