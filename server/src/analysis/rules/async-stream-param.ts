import type { Node } from 'web-tree-sitter';
import {
  asyncFunctions,
  paramText,
  removeAsyncEdit,
  reportSpan,
  returnFutureEdits,
  signatureAfter,
  signatureText,
  type AsyncFunction,
} from '../async-functions';
import { Severity, ruleDocumentation } from '../diagnostics';
import { findAsyncValue, onlyAsyncValues, type AsyncValueKind, type TypeResolver } from '../types';
import type { Rule, RuleContext, RuleDiagnostic } from './rule';

/**
 * An `async func` that takes a stream (or a future) keeps the call in progress until
 * the stream ends (or the future resolves). On a resource method that keeps `this`
 * borrowed all that time. WebAssembly/WASI#870 fixed WASI by making such functions
 * synchronous and returning a future of the result. A result that is already only
 * streams and futures reports completion itself: there the fix only drops `async`.
 */
export const asyncStreamParam: Rule = {
  code: 'async-stream-param',
  summary:
    'An async function that consumes a stream or future parameter stays in progress until it ends; return a future instead.',
  check(context: RuleContext): RuleDiagnostic[] {
    const diagnostics: RuleDiagnostic[] = [];
    for (const fn of asyncFunctions(context.document, context.within)) {
      const consumed = consumedParam(fn, context.resolver);
      if (!consumed) continue;
      const alreadyAsync = fn.result !== null && onlyAsyncValues(fn.result, context.resolver) !== null;
      const edits = [removeAsyncEdit(context.document, fn), ...(alreadyAsync ? [] : returnFutureEdits(fn))];
      const before = signatureText(context.document, fn);
      const after = signatureAfter(context.document, fn, edits);
      diagnostics.push({
        span: reportSpan(fn),
        severity: fn.kind === 'method' ? Severity.Warning : Severity.Information,
        code: this.code,
        message: message(fn, consumed, alreadyAsync),
        documentation: ruleDocumentation(this.code),
        fix: {
          title: alreadyAsync ? 'Remove `async`: the result already reports completion' : 'Return a future instead of being async',
          edits,
          isPreferred: true,
        },
        explain: () => explanation(fn, consumed, alreadyAsync, before, after),
      });
    }
    return diagnostics;
  },
};

interface ConsumedParam {
  param: Node;
  kind: AsyncValueKind;
  /** The stream or future type itself, which may sit in a typedef elsewhere. */
  value: Node;
}

/** The first parameter holding a stream, else the first holding a future. */
function consumedParam(fn: AsyncFunction, resolver: TypeResolver): ConsumedParam | null {
  for (const kind of ['stream', 'future'] as const) {
    for (const param of fn.params) {
      const type = param.childForFieldName('type');
      const found = type && findAsyncValue(type, resolver, [kind]);
      if (found) return { param, kind, value: found.node };
    }
  }
  return null;
}

function message(fn: AsyncFunction, consumed: ConsumedParam, alreadyAsync: boolean): string {
  const verb = consumed.kind === 'stream' ? 'consumes' : 'waits on';
  const until = consumed.kind === 'stream' ? 'the stream ends' : 'the future resolves';
  const what =
    fn.kind === 'method'
      ? `it keeps \`this\` borrowed until ${until}`
      : `the call stays in progress until ${until}`;
  const advice = alreadyAsync ? 'Drop `async`: the result already reports completion.' : 'Return a future instead.';
  return `\`${fn.name}\` is async and ${verb} ${quoted(consumed)}: ${what}. ${advice}`;
}

/** The parameter as written, naming the stream or future when a typedef hides it. */
function quoted(consumed: ConsumedParam): string {
  const hidden =
    consumed.value.startIndex < consumed.param.startIndex || consumed.value.endIndex > consumed.param.endIndex;
  const param = `\`${paramText(consumed.param)}\``;
  return hidden ? `${param} (which holds a \`${paramText(consumed.value)}\`)` : param;
}

function explanation(
  fn: AsyncFunction,
  consumed: ConsumedParam,
  alreadyAsync: boolean,
  before: string,
  after: string,
): string {
  const param = quoted(consumed);
  const until = consumed.kind === 'stream' ? 'the whole stream has been consumed' : 'the future resolves';
  const parts: string[] = [];
  parts.push(`**\`${fn.name}\` is async and takes ${param}**`);
  if (fn.kind === 'method') {
    parts.push(
      `An \`async\` method keeps its resource (\`this\`, a \`borrow<${fn.resource ?? 'resource'}>\`) borrowed ` +
        `for the whole call, and the call lasts until ${until}. Until then the caller cannot drop, ` +
        `move or hand on the \`${fn.resource ?? 'resource'}\`.`,
    );
  } else {
    parts.push(`The call lasts until ${until}: the callee must stay alive and busy for all that time.`);
  }
  const drained = consumed.kind === 'stream' ? 'the stream is drained' : 'the future resolves';
  parts.push(
    `- **Composition:** a middleware component cannot set up the ${consumed.kind}, pass it on and step ` +
      `out of the way; it has to stay in the call until ${drained}.`,
  );
  if (fn.kind === 'method') {
    parts.push(
      '- **Rust bindings:** the returned future borrows the resource, so one struct cannot own both ' +
        'the resource and the pending call without being self-referential; wrappers such as an ' +
        '`AsyncWrite` adapter need `unsafe` code or extra indirection.',
    );
  }
  parts.push(
    alreadyAsync
      ? 'The result is already only streams and futures, which report completion themselves: make the ' +
          'function synchronous and keep the result as it is. The call returns at once.'
      : 'Make the function synchronous and return a future of the result, as `read` functions return ' +
          'a stream and a future: the call returns at once and the future reports completion.',
  );
  parts.push(`Before:\n\`\`\`wit\n${before}\n\`\`\`\nAfter:\n\`\`\`wit\n${after}\n\`\`\``);
  parts.push('See [WebAssembly/WASI#870](https://github.com/WebAssembly/WASI/pull/870).');
  return parts.join('\n\n');
}
