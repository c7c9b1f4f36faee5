// Walking and mutating a parsed config document, for the fuzz suites (config file and inputs).

export type Path = (string | number)[];
export type Mutation = (doc: Record<string, unknown>) => Record<string, unknown>;

/** Every path below node: keys of mappings, indexes of lists. */
export function paths(node: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(node)) node.forEach((v, i) => { out.push([...prefix, i], ...paths(v, [...prefix, i])); });
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) out.push([...prefix, k], ...paths(v, [...prefix, k]));
  return out;
}

export function get(node: unknown, path: Path): unknown {
  return path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)?.[k], node);
}

/** Sets own properties only, so a "__proto__" key stays a key. */
export function put(parent: unknown, key: string | number, value: unknown): void {
  if (parent === null || typeof parent !== 'object') return;
  // A fresh copy each time: arbitraries may hand out the same object twice, and a cycle is not YAML.
  Object.defineProperty(parent, key, { value: structuredClone(value), enumerable: true, writable: true, configurable: true });
}

export function mapStrings(node: unknown, f: (s: string) => string): unknown {
  if (typeof node === 'string') return f(node);
  if (Array.isArray(node)) return node.map((v) => mapStrings(v, f));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, mapStrings(v, f)]));
  return node;
}
