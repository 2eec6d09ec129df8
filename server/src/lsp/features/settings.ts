import { DidChangeConfigurationNotification } from 'vscode-languageserver';
import type { AnalysisSettings } from '../../analysis/analyze';
import { RULES } from '../../analysis/rules';
import type { RuleSeverity } from '../../analysis/rules/rule';
import type { ServerContext } from '../context';
import { publishDiagnostics } from './diagnostics';

const SEVERITIES: readonly RuleSeverity[] = ['default', 'off', 'hint', 'information', 'warning', 'error'];

/** Reads the `wit` section (e.g. `{ "rules": { "async-stream-param": "error" } }`). */
export function parseSettings(section: unknown): AnalysisSettings {
  const rules: Record<string, RuleSeverity> = {};
  const configured = (section as { rules?: Record<string, unknown> } | null | undefined)?.rules;
  for (const rule of RULES) {
    const value = configured?.[rule.code];
    if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) {
      rules[rule.code] = value as RuleSeverity;
    }
  }
  return { rules };
}

/**
 * Pulls settings with `workspace/configuration` when the client supports it, and again
 * on every change; re-publishes diagnostics so a new severity shows without a restart.
 */
export function registerSettings(context: ServerContext, clientPullsConfiguration: boolean, canRegister: boolean): void {
  const { connection } = context;
  const refresh = async (pushed?: unknown): Promise<void> => {
    try {
      const section = clientPullsConfiguration
        ? await connection.workspace.getConfiguration({ section: 'wit' })
        : (pushed as { wit?: unknown } | undefined)?.wit;
      context.settings = parseSettings(section);
    } catch (error) {
      context.log(`could not read settings: ${String(error)}`);
      return;
    }
    context.documents.invalidateAnalyses();
    for (const uri of context.documents.uris()) publishDiagnostics(context, uri);
  };
  connection.onInitialized(() => {
    if (clientPullsConfiguration && canRegister) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'wit' });
    }
    void refresh();
  });
  connection.onDidChangeConfiguration(({ settings }) => void refresh(settings));
}
