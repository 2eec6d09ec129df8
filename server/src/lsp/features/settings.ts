import { DidChangeConfigurationNotification } from 'vscode-languageserver';
import type { AnalysisSettings } from '../../analysis/analyze';
import { RULES } from '../../analysis/rules';
import type { RuleSeverity } from '../../analysis/rules/rule';
import type { DiagnosticsScope, ServerContext } from '../context';
import { publishDiagnostics } from './diagnostics';

const SEVERITIES: readonly RuleSeverity[] = ['default', 'off', 'hint', 'information', 'warning', 'error'];

/**
 * How long the first diagnostics wait for the client's answer to `workspace/configuration`.
 * A client that never answers still gets diagnostics, with the defaults; a late answer
 * still applies when it comes.
 */
export const CONFIGURATION_TIMEOUT_MS = 3_000;

/**
 * Reads the `wit` section (e.g. `{ "rules": { "async-stream-param": "error" }, "features":
 * ["active"], "analysis": { "maxFileSize": 1048576 } }`).
 */
export function parseSettings(section: unknown): AnalysisSettings {
  const rules: Record<string, RuleSeverity> = {};
  const configured = (section as { rules?: Record<string, unknown> } | null | undefined)?.rules;
  for (const rule of RULES) {
    const value = configured?.[rule.code];
    if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) {
      rules[rule.code] = value as RuleSeverity;
    }
  }
  const features = (section as { features?: unknown } | null | undefined)?.features;
  const maxFileSize = (section as { analysis?: { maxFileSize?: unknown } } | null | undefined)?.analysis?.maxFileSize;
  return {
    rules,
    features: Array.isArray(features) ? features.filter((f): f is string => typeof f === 'string') : [],
    ...(typeof maxFileSize === 'number' && maxFileSize > 0 ? { maxFileSize } : {}),
  };
}

/**
 * Pulls settings with `workspace/configuration` when the client supports it, and again
 * on every change (VS Code's change notification carries `settings: null` and expects
 * the pull); a client that cannot be asked pushes them in the notification instead.
 * Diagnostics are re-published so a new severity shows without a restart.
 */
export function registerSettings(context: ServerContext, clientPullsConfiguration: boolean, canRegister: boolean): void {
  const { connection } = context;
  context.settingsLoaded = !clientPullsConfiguration;
  // Answers can arrive out of order; only the newest request's answer counts.
  let latestRequest = 0;
  const pull = async (): Promise<void> => {
    const request = ++latestRequest;
    let section: unknown;
    const timer = setTimeout(() => {
      if (request !== latestRequest || context.settingsLoaded) return;
      context.log(`the client did not answer workspace/configuration within ${CONFIGURATION_TIMEOUT_MS} ms; using the current settings until it does`);
      context.settingsLoaded = true;
      republish(context);
    }, CONFIGURATION_TIMEOUT_MS);
    try {
      [section] = await connection.workspace.getConfiguration([{ section: 'wit' }]);
    } catch (error) {
      context.logError('could not read the wit settings; keeping the current ones', error);
    } finally {
      clearTimeout(timer);
    }
    if (request !== latestRequest) return;
    if (section !== undefined) apply(context, section);
    context.settingsLoaded = true;
    republish(context);
  };
  if (clientPullsConfiguration) {
    context.afterInitialized(() => {
      if (canRegister) {
        connection.client.register(DidChangeConfigurationNotification.type, { section: 'wit' }).catch((error: unknown) => {
          context.logError('could not register for settings changes', error);
        });
      }
      void pull();
    });
  }
  connection.onDidChangeConfiguration(
    context.guard('didChangeConfiguration', undefined, ({ settings }: { settings: unknown }) => {
      if (clientPullsConfiguration) {
        void pull();
      } else if (settings !== null && typeof settings === 'object') {
        // A push carries the whole settings tree; `null` would mean "ask me", which this client cannot answer.
        apply(context, (settings as { wit?: unknown }).wit);
        republish(context);
      }
    }),
  );
}

/** `wit.diagnostics.scope`: `workspace` unless the section says `openFiles`. */
export function parseScope(section: unknown): DiagnosticsScope {
  const scope = (section as { diagnostics?: { scope?: unknown } } | null | undefined)?.diagnostics?.scope;
  return scope === 'openFiles' ? 'openFiles' : 'workspace';
}

function apply(context: ServerContext, section: unknown): void {
  context.settings = parseSettings(section);
  context.diagnosticsScope = parseScope(section);
}

function republish(context: ServerContext): void {
  context.documents.invalidateAnalyses();
  for (const uri of context.documents.uris()) publishDiagnostics(context, uri);
  context.runSettingsHandlers();
}
