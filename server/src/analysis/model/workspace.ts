import type { WitDiagnostic } from '../diagnostics';
import { WitDocument } from '../document';
import type { TypeResolver } from '../types';
import type { WitParser } from '../../parser';
import type { Declaration, PackageModel, Reference, Scope, Workspace, WorkspaceOptions } from './index';

// The implementation lands in the next commits; this first commit fixes the API only.
export class ModelWorkspace implements Workspace {
  private features: Set<string>;
  private readonly disk = new Map<string, WitDocument>();
  private readonly open = new Map<string, WitDocument>();

  constructor(private readonly parser: WitParser, options: WorkspaceOptions) {
    this.features = new Set(options.features ?? []);
  }

  setText(uri: string, text: string): void {
    this.disk.get(uri)?.dispose();
    this.disk.set(uri, WitDocument.create(this.parser, uri, text));
  }
  setDocument(document: WitDocument): void {
    this.open.set(document.uri, document);
  }
  closeDocument(uri: string): void {
    this.open.delete(uri);
  }
  removeFile(uri: string): void {
    this.disk.get(uri)?.dispose();
    this.disk.delete(uri);
  }
  setFeatures(features: readonly string[]): void {
    this.features = new Set(features);
  }
  uris(): string[] {
    return [...new Set([...this.disk.keys(), ...this.open.keys()])].sort();
  }
  document(uri: string): WitDocument | undefined {
    return this.open.get(uri) ?? this.disk.get(uri);
  }
  packages(): PackageModel[] {
    throw new Error('not implemented yet');
  }
  packageAt(_uri: string, _offset: number): PackageModel | undefined {
    throw new Error('not implemented yet');
  }
  declarations(_uri: string): Declaration[] {
    throw new Error('not implemented yet');
  }
  references(_uri: string): Reference[] {
    throw new Error('not implemented yet');
  }
  declarationAt(_uri: string, _offset: number): Declaration | null {
    throw new Error('not implemented yet');
  }
  referenceAt(_uri: string, _offset: number): Reference | null {
    throw new Error('not implemented yet');
  }
  resolveAt(_uri: string, _offset: number): Declaration | null {
    throw new Error('not implemented yet');
  }
  referencesTo(_declaration: Declaration): Reference[] {
    throw new Error('not implemented yet');
  }
  scopeAt(_uri: string, _offset: number): Scope {
    throw new Error('not implemented yet');
  }
  typeResolver(_uri: string): TypeResolver {
    throw new Error('not implemented yet');
  }
  diagnostics(_uri: string): WitDiagnostic[] {
    throw new Error('not implemented yet');
  }
}
