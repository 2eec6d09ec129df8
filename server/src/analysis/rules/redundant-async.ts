import { asyncFunctions, removeAsyncEdit, reportSpan, signatureAfter, signatureText } from '../async-functions';
import { Severity, ruleDocumentation } from '../diagnostics';
import { findAsyncValue } from '../types';
import type { Rule, RuleContext, RuleDiagnostic } from './rule';

/**
 * An `async func` whose result already holds a stream or a future (WebAssembly/WASI#869):
 * the returned future already reports completion, so `async` only adds a second wait.
 * Functions that also consume a stream are left to `async-stream-param`, whose fix
 * covers them.
 */
export const redundantAsync: Rule = {
  code: 'redundant-async',
  summary: 'An async function whose result already holds a stream or future does not need to be async.',
  check(context: RuleContext): RuleDiagnostic[] {
    const diagnostics: RuleDiagnostic[] = [];
    for (const fn of asyncFunctions(context.document)) {
      if (!fn.result) continue;
      const returned = findAsyncValue(fn.result, context.resolver);
      if (!returned) continue;
      const consumesOne = fn.params.some((p) => {
        const type = p.childForFieldName('type');
        return type && findAsyncValue(type, context.resolver);
      });
      if (consumesOne) continue;
      const edits = [removeAsyncEdit(context.document, fn)];
      const before = signatureText(context.document, fn);
      const after = signatureAfter(context.document, fn, edits);
      diagnostics.push({
        span: reportSpan(fn),
        severity: Severity.Hint,
        code: this.code,
        message: `\`${fn.name}\` is async but already returns a ${returned.kind}: \`async\` is redundant.`,
        documentation: ruleDocumentation(this.code),
        fix: { title: 'Remove redundant `async`', edits, isPreferred: true },
        node: fn.nameNode,
        explain: () =>
          [
            `**\`async\` is redundant on \`${fn.name}\`**`,
            `The result already holds a ${returned.kind}, and the ${returned.kind} reports when the work ` +
              'is done. Being `async` as well makes callers wait twice and keeps the callee busy for ' +
              'the whole call, for nothing.',
            `Before:\n\`\`\`wit\n${before}\n\`\`\`\nAfter:\n\`\`\`wit\n${after}\n\`\`\``,
            'See [WebAssembly/WASI#869](https://github.com/WebAssembly/WASI/pull/869).',
          ].join('\n\n'),
      });
    }
    return diagnostics;
  },
};
