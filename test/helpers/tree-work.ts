import { Node } from 'web-tree-sitter';

/**
 * Counts the work `run` asks of the syntax tree: each call into a web-tree-sitter `Node`
 * (a property read or a method), weighted by what tree-sitter does to answer it. Nodes
 * store no parent, so `parent` and the sibling getters search down from the root through
 * the children of every ancestor; `children`, `child(i)` and the field look-ups scan a
 * node's children. A deterministic count, independent of the machine's speed: doubling the
 * input must not quadruple it.
 */
export function treeWork(run: () => void): { work: number; calls: Record<string, number> } {
  const proto = Node.prototype as unknown as Record<string, unknown>;
  const originals = Object.getOwnPropertyDescriptors(proto);
  const get = (node: Node, name: string): unknown => {
    const descriptor = originals[name];
    return descriptor.get ? descriptor.get.call(node) : (descriptor.value as (...a: unknown[]) => unknown).call(node);
  };
  const childCount = (node: Node) => get(node, 'childCount') as number;
  /** What tree-sitter scans to find `node`'s parent: the children of each ancestor. */
  const pathCost = (node: Node): number => {
    let cost = 0;
    for (let p = get(node, 'parent') as Node | null; p; p = get(p, 'parent') as Node | null) cost += childCount(p);
    return cost;
  };
  const WEIGHTS: Record<string, (node: Node, args: unknown[]) => number> = {
    parent: pathCost,
    nextSibling: pathCost,
    previousSibling: pathCost,
    nextNamedSibling: pathCost,
    previousNamedSibling: pathCost,
    children: childCount,
    namedChildren: childCount,
    lastChild: childCount,
    lastNamedChild: childCount,
    childForFieldName: childCount,
    childrenForFieldName: childCount,
    child: (_node, args) => (args[0] as number) + 1,
    namedChild: (_node, args) => (args[0] as number) + 1,
    descendantsOfType: (node) => get(node, 'descendantCount') as number,
  };
  let work = 0;
  const calls: Record<string, number> = {};
  const count = (name: string, node: Node, args: unknown[]) => {
    work += 1 + (WEIGHTS[name]?.(node, args) ?? 0);
    calls[name] = (calls[name] ?? 0) + 1;
  };
  for (const [name, descriptor] of Object.entries(originals)) {
    if (name === 'constructor') continue;
    if (descriptor.get) {
      const original = descriptor.get;
      Object.defineProperty(proto, name, {
        ...descriptor,
        get(this: Node) {
          count(name, this, []);
          return original.call(this);
        },
      });
    } else if (typeof descriptor.value === 'function') {
      const original = descriptor.value as (...args: unknown[]) => unknown;
      Object.defineProperty(proto, name, {
        ...descriptor,
        value(this: Node, ...args: unknown[]) {
          count(name, this, args);
          return original.apply(this, args);
        },
      });
    }
  }
  try {
    run();
  } finally {
    for (const [name, descriptor] of Object.entries(originals)) Object.defineProperty(proto, name, descriptor);
  }
  return { work, calls };
}
