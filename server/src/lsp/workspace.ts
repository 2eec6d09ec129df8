import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type InitializeParams,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { createWorkspace, type Workspace } from '../analysis/model';
import { placeOf } from '../analysis/model/layout';
import type { WitParser } from '../parser';
import type { ServerContext } from './context';
import { vscodeFileUri } from './uri-spelling';
import { republishStale, scheduleRepublishStale } from './features/diagnostics';
import { readPackageFolder, readRegularText, realPaths, walkWorkspaceFolder, type Found } from './fs-safe'; // hostile-input

/** A `.wit` file larger than this is not indexed unless opened: no real WIT comes near it. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Files read per batch while indexing, between which other requests are served. */
const BATCH = 32;

/**
 * The glue between the workspace model and the editor: indexes the workspace folders'
 * `.wit` files (without holding up the first diagnostics of an open file), follows folders
 * added and removed through `workspace/didChangeWorkspaceFolders` and changes on disk
 * through `workspace/didChangeWatchedFiles`, and re-checks open documents when a
 * file they may depend on changed. Open documents' text wins over disk (the model sees
 * them through the DocumentStore).
 */
export class WorkspaceIndex {
  readonly model: Workspace;
  private folders: string[] = [];
  /** True once the workspace folders were read: semantic errors are published from then on. */
  private indexed = false;
  /** The URI under which the model holds each file, by a spelling-independent key. */
  private readonly stored = new Map<string, string>();
  /** How files the editor has not named are spelled (see `learnSpelling`). */
  private spell: (file: string) => string = (file) => pathToFileURL(file).href;
  /** Package folders outside the workspace folders, read because a file in them was opened. */
  private readonly scannedOutside = new Set<string>();
  /** The folder of each resolution group a document was opened in (1,000 opens of one folder convert it once). */
  private readonly groupFolders = new Map<string, string>();
  /** Indexing and folder changes run one after another, so a removal never races a scan. */
  private folderWork: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: ServerContext,
    parser: WitParser,
  ) {
    this.model = createWorkspace(parser, { features: context.settings.features ?? [] });
    context.workspace = this.model;
    context.documents.attachWorkspace(this.model, (uri) => this.documentChanged(uri), () => this.indexed);
  }

  /** Whether the workspace folders were read (before, names from unread files look undefined). */
  get ready(): boolean {
    return this.indexed;
  }

  /** Whether `uri` is a file inside one of the workspace folders. */
  inWorkspace(uri: string): boolean {
    const file = localPath(uri);
    return file !== null && this.folders.some((root) => isInside(file, root));
  }

  /** Remembers the folders to index (from `initialize`). */
  initialize(params: InitializeParams): void {
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? [];
    const roots = folders.map((f) => f.uri);
    if (roots.length === 0 && params.rootUri) roots.push(params.rootUri);
    this.folders = roots.map(localPath).filter((file): file is string => file !== null);
  }

  /** Starts indexing, file watching and following workspace folders once the client is ready. */
  start(): void {
    void this.watch();
    this.followFolders();
    this.enqueue(() => this.index(this.folders));
  }

  private enqueue(work: () => Promise<void>): void {
    this.folderWork = this.folderWork.then(work).catch((error: unknown) => this.context.logError('following the workspace folders failed', error));
  }

  /** Folders added to or removed from the editor's workspace: index the new, forget the old. */
  private followFolders(): void {
    if (!this.context.clientCapabilities.workspace?.workspaceFolders) return;
    this.context.connection.workspace.onDidChangeWorkspaceFolders(
      this.context.guard('didChangeWorkspaceFolders', undefined, ({ added, removed }) => {
        const toPaths = (folders: WorkspaceFolder[]): string[] =>
          folders.map((f) => localPath(f.uri)).filter((file): file is string => file !== null);
        const gone = toPaths(removed);
        const fresh = toPaths(added).filter((folder) => !this.folders.some((root) => isInside(folder, root)));
        this.folders = [...this.folders.filter((root) => !gone.includes(root)), ...toPaths(added)];
        this.enqueue(async () => {
          for (const folder of gone) this.forgetFolder(folder);
          if (fresh.length > 0) await this.index(fresh);
          else republishStale(this.context);
        });
      }),
    );
  }

  /**
   * A folder left the workspace: the files the model read from it go, except those another
   * workspace folder still covers. Open documents stay; their own package folder is read
   * again as for any file opened from outside the workspace.
   */
  private forgetFolder(folder: string): void {
    const leaving = (uri: string): boolean => {
      const file = localPath(uri);
      return file !== null && isInside(file, folder) && !this.folders.some((root) => isInside(file, root));
    };
    for (const [key, stored] of [...this.stored]) {
      if (!leaving(stored)) continue;
      this.model.removeFile(stored);
      this.model.setEncodedDependency(stored, false);
      this.stored.delete(key);
    }
    for (const scanned of [...this.scannedOutside]) if (isInside(scanned, folder)) this.scannedOutside.delete(scanned);
    for (const uri of this.context.documents.uris()) {
      if (!leaving(uri)) continue;
      void this.indexAround(uri).catch((error: unknown) => this.context.logError(`could not read the package around ${uri}`, error));
    }
  }

  private async index(folders: readonly string[]): Promise<void> {
    const started = Date.now();
    const found: string[] = [];
    const encoded: string[] = [];
    try {
      // hostile-input: links followed with loop protection, FIFOs never read (lsp/fs-safe.ts)
      const walked: Found = { wit: found, encoded };
      const roots = await realPaths(this.folders);
      const entered = new Set<string>();
      for (const folder of folders) await walkWorkspaceFolder(folder, roots, walked, entered, (f, e) => this.context.logError(`could not read folder ${f}`, e));
      for (let i = 0; i < found.length; i += BATCH) {
        const batch = found.slice(i, i + BATCH);
        const texts = await Promise.all(batch.map((file) => readWit(file)));
        batch.forEach((file, j) => {
          const text = texts[j];
          if (text !== null) this.model.setText(this.uriFor(file), text);
        });
      }
      for (const file of encoded) this.model.setEncodedDependency(this.uriFor(file), true);
      this.context.log(`indexed ${found.length} WIT files in ${Date.now() - started} ms`);
    } catch (error) {
      this.context.logError('indexing the workspace failed; semantic errors cover what was read', error);
    } finally {
      this.indexed = true;
      republishStale(this.context);
    }
  }

  /**
   * A file opened from outside the workspace folders (or with no folder open): its package's
   * other files and deps/ are read too, or names defined there would look undefined.
   */
  private async indexAround(uri: string): Promise<void> {
    if (!uri.startsWith('file:')) return;
    const group = placeOf(uri).group;
    let folder = this.groupFolders.get(group);
    if (folder === undefined) this.groupFolders.set(group, (folder = fileURLToPath(group)));
    if (this.scannedOutside.has(folder) || this.folders.some((root) => isInside(folder, root))) return;
    this.scannedOutside.add(folder);
    const found: string[] = [];
    const encoded: string[] = [];
    // hostile-input: read as wit-parser reads it, so a `deps` link to `/` is no file-system walk
    if (!(await readPackageFolder(folder, { wit: found, encoded }, new Set()))) return; // not on disk (yet)
    let changed = false;
    for (const file of found) {
      const text = await readWit(file);
      if (text !== null) changed = this.model.setText(this.uriFor(file), text) || changed;
    }
    for (const file of encoded) this.model.setEncodedDependency(this.uriFor(file), true);
    // A folder whose files are all open already changes nothing: re-checking every open
    // document for it made opening many files quadratic.
    if (changed || encoded.length > 0) republishStale(this.context);
  }

  /** Registers for `.wit` changes on disk, when the client can watch files for us. */
  private async watch(): Promise<void> {
    const { connection, clientCapabilities } = this.context;
    connection.onDidChangeWatchedFiles(
      this.context.guard('didChangeWatchedFiles', undefined, async ({ changes }) => {
        for (const change of changes) {
          if (!change.uri.startsWith('file:')) continue;
          const file = fileURLToPath(change.uri);
          const uri = this.uriFor(file, change.uri);
          if (change.type === FileChangeType.Deleted) this.forget(uri);
          else if (isEncodedDependency(file)) this.model.setEncodedDependency(uri, true);
          else if (file.endsWith('.wit')) {
            const text = await readWit(file);
            if (text !== null) this.model.setText(uri, text);
          }
        }
        republishStale(this.context);
      }),
    );
    if (!clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    try {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.wit' }, { globPattern: '**/deps/*.{wasm,wat}' }],
      });
    } catch (error) {
      this.context.logError('could not register for file changes', error);
    }
  }

  /** A deleted file, or a deleted folder (every file the model holds under it). */
  private forget(uri: string): void {
    const prefix = `${canonical(uri)}/`;
    for (const [key, stored] of [...this.stored]) {
      if (key !== canonical(uri) && !key.startsWith(prefix)) continue;
      this.model.removeFile(stored);
      this.model.setEncodedDependency(stored, false);
      this.stored.delete(key);
    }
  }

  /**
   * The URI the model knows `file` by. Editors spell URIs differently (VS Code writes `@`
   * as `%40` and lower-cases drive letters), and one file under two spellings would be
   * two files to the model: so the first spelling seen is kept.
   */
  private uriFor(file: string, preferred?: string): string {
    const uri = preferred ?? this.spell(file);
    const key = canonical(uri);
    const known = this.stored.get(key);
    if (known) return known;
    this.stored.set(key, uri);
    return uri;
  }

  /**
   * An open document changed. If the model holds its disk text under another spelling of
   * the URI, the editor's spelling wins (locations sent back must use it). Other open
   * documents are re-checked shortly after, since they may depend on this one.
   */
  private documentChanged(uri: string): void {
    this.learnSpelling(uri);
    const key = canonical(uri);
    const known = this.stored.get(key);
    if (known !== uri) {
      const onDisk = known ? this.model.document(known) : undefined;
      if (known) {
        const text = onDisk?.text;
        this.model.removeFile(known);
        if (text !== undefined) this.model.setText(uri, text);
      }
      if (uri.startsWith('file:')) this.stored.set(key, uri);
    }
    void this.indexAround(uri).catch((error: unknown) => this.context.logError(`could not read the package around ${uri}`, error));
    // The changed document itself is published right after this change, seeing every
    // earlier one; the others may have been published before it.
    scheduleRepublishStale(this.context);
  }

  /**
   * The model groups files by URI prefix, so files of one folder under two spellings would be
   * two resolution groups (siblings of an open file would miss its names). Once an editor URI
   * shows VS Code's spelling (`@` as `%40`, ...), every file is held under that spelling.
   */
  private learnSpelling(uri: string): void {
    // Without a `%`, VS Code's spelling is Node's: nothing to learn (and no path to compute
    // for each of 1,000 files an editor restores).
    if (!uri.includes('%')) return;
    const file = localPath(uri);
    if (file === null || !file.startsWith('/') || uri === this.spell(file) || uri !== vscodeFileUri(file)) return;
    this.spell = vscodeFileUri;
    for (const [key, stored] of [...this.stored]) {
      const storedFile = localPath(stored);
      const wanted = storedFile === null ? stored : vscodeFileUri(storedFile);
      if (wanted === stored || this.context.documents.isOpen(stored)) continue;
      if (isEncodedDependency(storedFile!)) {
        this.model.setEncodedDependency(stored, false);
        this.model.setEncodedDependency(wanted, true);
      } else {
        const text = this.model.document(stored)?.text;
        this.model.removeFile(stored);
        if (text !== undefined) this.model.setText(wanted, text);
      }
      this.stored.set(key, wanted);
    }
  }
}

export function registerWorkspace(context: ServerContext, parser: WitParser): WorkspaceIndex {
  const index = new WorkspaceIndex(context, parser);
  context.afterInitialized(() => index.start());
  return index;
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The file a `file:` URI names, or null for other schemes and URIs this platform cannot map. */
function localPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

function isEncodedDependency(file: string): boolean {
  return /\.(wasm|wat)$/.test(file) && path.basename(path.dirname(file)) === 'deps';
}

async function readWit(file: string): Promise<string | null> {
  return readRegularText(file, MAX_FILE_BYTES); // hostile-input: never blocks on a FIFO
}

/** One spelling per file: percent-decoded, drive letter lower-cased. */
function canonical(uri: string): string {
  let decoded = uri;
  try {
    decoded = decodeURIComponent(uri);
  } catch {
    // a malformed escape: compare the URI as it is
  }
  return decoded.replace(/^file:\/\/\/([A-Za-z]):/, (_, drive: string) => `file:///${drive.toLowerCase()}:`).replace(/\/$/, '');
}
