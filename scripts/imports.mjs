#!/usr/bin/env node
// The import graph of src/: every relative import between its files (type-only ones too, since a
// type cycle is a knot all the same), the folders' graph with the number of imports on each arrow,
// and every cycle, file by file and folder by folder. Exits 1 on any cycle; CI runs it.
//   node scripts/imports.mjs            the folders' graph and the cycles
//   node scripts/imports.mjs --files    every file's imports as well
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..', 'src');

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function target(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const p of [`${base}.ts`, join(base, 'index.ts'), base]) if (existsSync(p) && statSync(p).isFile()) return p;
  throw new Error(`${relative(root, from)}: cannot resolve ${spec}`);
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
const graph = new Map();
for (const f of files(root)) {
  const text = readFileSync(f, 'utf8');
  const deps = new Set();
  for (const m of text.matchAll(IMPORT)) deps.add(target(f, m[1] ?? m[2]));
  graph.set(f, deps);
}

// A file at the top of src/ (deploy.ts, errors.ts…) is a node of its own in the folders' graph.
const folder = (f) => {
  const r = relative(root, f).split('/');
  return r.length > 1 ? r[0] : r[0].replace(/\.ts$/, '.ts');
};

/** Strongly connected components with more than one member (or a self-import): the cycles. */
function cycles(g) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const c = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || g.get(v)?.has(v)) out.push(c.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const folders = new Map();
for (const [f, deps] of graph) {
  const a = folder(f);
  if (!folders.has(a)) folders.set(a, new Map());
  for (const d of deps) {
    const b = folder(d);
    if (a !== b) folders.get(a).set(b, (folders.get(a).get(b) ?? 0) + 1);
  }
}
const folderGraph = new Map([...folders].map(([a, m]) => [a, new Set(m.keys())]));

console.log(
  `src/: ${graph.size} files, ${[...graph.values()].reduce((n, d) => n + d.size, 0)} imports between them, ${folders.size} folders`,
);
console.log('\nfolder -> the folders it imports (imports)');
for (const a of [...folders.keys()].sort()) {
  const m = folders.get(a);
  console.log(
    `  ${a.padEnd(12)} -> ${
      [...m]
        .sort()
        .map(([b, n]) => `${b} (${n})`)
        .join(', ') || '-'
    }`,
  );
}
if (process.argv.includes('--files')) {
  console.log('\nfile -> files it imports');
  for (const [f, deps] of [...graph].sort())
    console.log(
      `  ${relative(root, f)} -> ${
        [...deps]
          .map((d) => relative(root, d))
          .sort()
          .join(', ') || '-'
      }`,
    );
}
const fileCycles = cycles(graph);
const folderCycles = cycles(folderGraph);
console.log(`\nfile cycles: ${fileCycles.length}`);
for (const c of fileCycles) console.log(`  ${c.map((f) => relative(root, f)).join(' <-> ')}`);
console.log(`folder cycles: ${folderCycles.length}`);
for (const c of folderCycles) console.log(`  ${c.join(' <-> ')}`);
process.exit(fileCycles.length || folderCycles.length ? 1 : 0);
