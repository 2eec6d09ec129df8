import { asyncFunctions, removeAsyncEdit, reportSpan, signatureAfter, signatureText } from '../async-functions';
import { Severity, ruleDocumentation } from '../diagnostics';
import { describeAsyncValues, findAsyncValue, onlyAsyncValues } from '../types';
import type { Rule, RuleContext, RuleDiagnostic } from './rule';

/**
 * An `async func` whose result is nothing but streams and futures (WebAssembly/WASI#869):
 * the function can return them at once, and they report completion themselves, so `async`
 * only adds a second wait. A result that also holds plain data, or wraps the stream in a
 * `result`/`option`/record, still needs async work to produce (whether `open` succeeds, a
 * column list): dropping `async` there would change the API, so no hint.
 * Functions that also consume a stream are left to `async-stream-param`, whose fix
 * covers them.
 */
export const redundantAsync: Rule = {
  code: 'redundant-async',
  summary: 'An async function whose result is only streams and futures does not need to be async.',
  check(context: RuleContext): RuleDiagnostic[] {
    const diagnostics: RuleDiagnostic[] = [];
    for (const fn of asyncFunctions(context.document, context.within)) {
      if (!fn.result) continue;
      const returned = onlyAsyncValues(fn.result, context.resolver);
      if (!returned) continue;
      const consumesOne = fn.params.some((p) => {
        const type = p.childForFieldName('type');
        return type && findAsyncValue(type, context.resolver);
      });
      if (consumesOne) continue;
      const what = describeAsyncValues(returned);
      const edits = [removeAsyncEdit(context.document, fn)];
      const before = signatureText(context.document, fn);
      const after = signatureAfter(context.document, fn, edits);
      diagnostics.push({
        span: reportSpan(fn),
        severity: Severity.Hint,
        code: this.code,
        message: `\`${fn.name}\` is async but returns only ${what}: \`async\` is redundant.`,
        documentation: ruleDocumentation(this.code),
        fix: { title: 'Remove redundant `async`', edits, isPreferred: true },
        explain: () =>
          [
            `**\`async\` is redundant on \`${fn.name}\`**`,
            `The function returns only ${what}. It can hand ${returned.length === 1 ? 'it' : 'them'} back at ` +
              `once, and ${returned.length === 1 ? 'it reports' : 'they report'} when the work is done. Being ` +
              '`async` as well makes callers wait twice and keeps the callee busy for the whole call, for nothing.',
            `Before:\n\`\`\`wit\n${before}\n\`\`\`\nAfter:\n\`\`\`wit\n${after}\n\`\`\``,
            'See [WebAssembly/WASI#869](https://github.com/WebAssembly/WASI/pull/869).',
          ].join('\n\n'),
      });
    }
    return diagnostics;
  },
};
