/**
 * How VS Code spells the URI of a POSIX path: every character but letters, digits, `-._~` and
 * `/` percent-encoded in upper-case hex. Node's `pathToFileURL` leaves `@`, `+`, `,`, `!`, ...
 * as they are, so the same file can reach the server under two spellings.
 */
export function vscodeFileUri(file: string): string {
  const segments = file.split('/').map((segment) =>
    encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  );
  return `file://${segments.join('/')}`;
}
