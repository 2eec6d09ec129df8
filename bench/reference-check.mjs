// wit-parser (through jco) over every .wit file under the given folders, each file on its
// own: the reference's side of "`wit-ls check` of the corpus, as a process". Started as a
// process of its own so its start-up counts as wit-ls check's does. Prints how many files
// it accepts; wit-parser stops at a file's first error.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { componentWitMetadataForWorld } from '@bytecodealliance/jco-transpile/wasm-tools';

const WORLD = 'wit-ls-bench-check';

function witFiles(folder) {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? witFiles(join(folder, e.name)) : e.name.endsWith('.wit') ? [join(folder, e.name)] : []));
}

let accepted = 0;
const files = process.argv.slice(2).flatMap(witFiles);
for (const file of files) {
  const source = `${readFileSync(file, 'utf8')}\nworld ${WORLD} {}\n`;
  try {
    await componentWitMetadataForWorld({ tag: 'source', val: source }, WORLD);
    accepted++;
  } catch {
    // rejected: counted by what is left
  }
}
process.stdout.write(`${accepted} of ${files.length} files accepted\n`);
