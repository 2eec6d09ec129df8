import type { Connection } from 'vscode-languageserver';
import type { AnalysisSettings } from '../analysis/analyze';
import type { PositionEncoding } from '../analysis/text';
import { Converter } from './convert';
import type { DocumentStore } from './documents';

/** What every feature module needs: the connection, the documents and the settings. */
export class ServerContext {
  encoding: PositionEncoding = 'utf-16';
  settings: AnalysisSettings = { rules: {} };
  documents!: DocumentStore;

  constructor(readonly connection: Connection) {}

  converter(uri: string): Converter | undefined {
    const document = this.documents.get(uri);
    return document && new Converter(document.lines, this.encoding);
  }

  log(message: string): void {
    this.connection.console.log(message);
  }

  /**
   * Runs one request's handler; a thrown error is logged and answered with `fallback`, so
   * a bug in one feature never takes the server down.
   */
  guard<A extends unknown[], R>(feature: string, fallback: R, handler: (...args: A) => R): (...args: A) => R {
    return (...args: A) => {
      try {
        return handler(...args);
      } catch (error) {
        this.connection.console.error(`${feature} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };
  }
}
