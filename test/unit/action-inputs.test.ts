// Every action.yml declares exactly the inputs its entry reads, with the metadata GitHub shows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');

/** actions/<name>/action.yml → the source folders whose input('…') calls feed it. */
function actionFiles(): Array<{ file: string; sources: string[]; bundle: string }> {
  const list = fs.readdirSync(path.join(root, 'actions')).sort().map((name) => ({
    file: `actions/${name}/action.yml`,
    sources: [`src/actions/${name}`],
    bundle: `../../dist/${name}/index.js`,
  }));
  // The root action runs build → push → deploy in one step: it reads the build's inputs and the shared ones.
  list.push({ file: 'action.yml', sources: ['src/actions/all'], bundle: 'dist/all/index.js' });
  return list.filter((a) => fs.existsSync(path.join(root, a.file)));
}

/** The input names read by the files of an action's folder and by the shared files they import. */
function readInputsInSource(dirs: string[]): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const scan = (file: string) => {
    if (seen.has(file) || !fs.existsSync(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:input|booleanInput|listInput|secretInput)\(\s*'([a-z0-9-]+)'/g)) names.add(m[1]);
    for (const m of text.matchAll(/from '(\.\.\/shared\/[a-z-]+|\.\.\/[a-z]+\/[a-z-]*inputs|\.\/[a-z-]+)'/g)) scan(path.resolve(path.dirname(file), m[1] + '.ts'));
  };
  for (const dir of dirs) {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) continue;
    for (const f of fs.readdirSync(abs, { recursive: true }) as string[]) if (f.endsWith('.ts')) scan(path.join(abs, f));
  }
  return names;
}

describe.each(actionFiles())('$file', ({ file, sources, bundle }) => {
  const meta = parse(fs.readFileSync(path.join(root, file), 'utf8'));

  test('has a name, description, branding and runs on node24', () => {
    expect(typeof meta.name).toBe('string');
    expect(meta.description?.length).toBeGreaterThan(20);
    expect(meta.branding).toEqual({ icon: expect.any(String), color: expect.any(String) });
    expect(meta.runs.using).toBe('node24');
    expect(meta.runs.main).toBe(bundle);
  });

  test('documents every input and output', () => {
    for (const [name, input] of Object.entries<Record<string, unknown>>(meta.inputs ?? {})) {
      expect({ name, description: typeof input.description === 'string' && input.description.length > 5 }).toEqual({ name, description: true });
      if (input.required !== true) expect({ name, hasDefault: 'default' in input }).toEqual({ name, hasDefault: true });
    }
    for (const [name, output] of Object.entries<Record<string, unknown>>(meta.outputs ?? {})) {
      expect({ name, description: typeof output.description === 'string' }).toEqual({ name, description: true });
    }
  });

  test('declares exactly the inputs the code reads', () => {
    const declared = new Set(Object.keys(meta.inputs ?? {}));
    const read = readInputsInSource(sources);
    expect({ declaredButNotRead: [...declared].filter((n) => !read.has(n)).sort() }).toEqual({ declaredButNotRead: [] });
    expect({ readButNotDeclared: [...read].filter((n) => !declared.has(n)).sort() }).toEqual({ readButNotDeclared: [] });
  });
});
