// Every action.yml declares exactly the inputs its inputs module lists (INPUTS) and the outputs its
// main lists (OUTPUTS); each inputs module reads every input of its list; and the metadata GitHub shows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

// @actions/core is ESM-only and jest cannot load it: getInput as GitHub feeds it (INPUT_<NAME>), noting each name read.
const mockRead: string[] = [];
jest.mock(
  '@actions/core',
  () => ({
    getInput: (name: string) => {
      mockRead.push(name);
      return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
    },
    setSecret: () => undefined,
  }),
  { virtual: true },
);

import * as all from '../../src/actions/all/inputs';
import * as allMain from '../../src/actions/all/main';
import * as build from '../../src/actions/build/inputs';
import * as buildMain from '../../src/actions/build/main';
import * as deploy from '../../src/actions/deploy/inputs';
import * as deployMain from '../../src/actions/deploy/main';
import * as merge from '../../src/actions/merge/inputs';
import * as mergeMain from '../../src/actions/merge/main';
import * as push from '../../src/actions/push/inputs';
import * as pushMain from '../../src/actions/push/main';
import * as rollback from '../../src/actions/rollback/inputs';
import * as rollbackMain from '../../src/actions/rollback/main';
import { ROLLOUT_INPUTS } from '../../src/actions/shared/names';

const root = path.resolve(__dirname, '../..');
const REPO = 'registry.example.com/acme/web';

interface Action {
  file: string;
  bundle: string;
  inputs: readonly string[];
  outputs: readonly string[];
  /** Calls the action's reader. */
  read: () => unknown;
  /** Values (beside action.yml's defaults) that get the reader past validation, so that it reads to the end. */
  given?: Record<string, string>;
}

const ACTIONS: Record<string, Action> = {
  all: {
    file: 'action.yml',
    bundle: 'dist/all/index.js',
    inputs: all.INPUTS,
    outputs: allMain.OUTPUTS,
    read: () => all.readAllInputs(),
    given: { context: 'examples/app', image: REPO },
  },
  build: {
    file: 'actions/build/action.yml',
    bundle: '../../dist/build/index.js',
    inputs: build.INPUTS,
    outputs: buildMain.OUTPUTS,
    read: () => build.readBuildInputs(),
    given: { context: 'examples/app' },
  },
  deploy: {
    file: 'actions/deploy/action.yml',
    bundle: '../../dist/deploy/index.js',
    inputs: deploy.INPUTS,
    outputs: deployMain.OUTPUTS,
    read: () => deploy.readDeployInputs(),
    given: { mode: 'maintain', 'command-timeout': '5m' },
  },
  merge: {
    file: 'actions/merge/action.yml',
    bundle: '../../dist/merge/index.js',
    inputs: merge.INPUTS,
    outputs: mergeMain.OUTPUTS,
    read: () => merge.readMergeInputs(),
    given: { sources: `${REPO}@sha256:${'a'.repeat(64)}`, tags: `${REPO}:1` },
  },
  push: {
    file: 'actions/push/action.yml',
    bundle: '../../dist/push/index.js',
    inputs: push.INPUTS,
    outputs: pushMain.OUTPUTS,
    read: () => push.readPushInputs(),
    given: { tags: `${REPO}:1` },
  },
  rollback: {
    file: 'actions/rollback/action.yml',
    bundle: '../../dist/rollback/index.js',
    inputs: rollback.INPUTS,
    outputs: rollbackMain.OUTPUTS,
    read: () => rollback.readRollbackInputs(),
  },
};

const metaOf = (a: Action) => parse(fs.readFileSync(path.join(root, a.file), 'utf8'));

/** The names the reader asks @actions/core for, with the action.yml's defaults set as the runner sets them. */
function namesRead(a: Action): { names: string[]; error?: string } {
  const saved = process.env;
  process.env = { ...saved };
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  const inputs = Object.entries<{ default?: unknown }>(metaOf(a).inputs ?? {});
  const defaults = inputs.map(([name, input]) => [name, String(input.default ?? '')]);
  for (const [name, value] of [...defaults, ...Object.entries(a.given ?? {})])
    process.env[`INPUT_${name.toUpperCase()}`] = value;
  mockRead.length = 0;
  try {
    a.read();
    return { names: [...mockRead] };
  } catch (err) {
    return { names: [...mockRead], error: (err as Error).message };
  } finally {
    process.env = saved;
  }
}

test('every action folder, and every entry under src/actions, is in this table', () => {
  const folders = fs
    .readdirSync(path.join(root, 'actions'))
    .filter((n) => fs.existsSync(path.join(root, 'actions', n, 'action.yml')));
  expect([...folders, 'all'].sort()).toEqual(Object.keys(ACTIONS).sort());
  const entries = fs
    .readdirSync(path.join(root, 'src/actions'))
    .filter((n) => fs.existsSync(path.join(root, 'src/actions', n, 'main.ts')));
  expect(entries.sort()).toEqual(Object.keys(ACTIONS).sort());
  for (const name of entries)
    expect({ name, inputs: fs.existsSync(path.join(root, 'src/actions', name, 'inputs.ts')) }).toEqual({
      name,
      inputs: true,
    });
});

describe.each(Object.entries(ACTIONS).map(([name, a]) => ({ name, ...a })))('$file', (a) => {
  const meta = metaOf(a);

  test('has a name, description, branding and runs on node24', () => {
    expect(typeof meta.name).toBe('string');
    expect(meta.description?.length).toBeGreaterThan(20);
    expect(meta.branding).toEqual({ icon: expect.any(String), color: expect.any(String) });
    expect(meta.runs.using).toBe('node24');
    expect(meta.runs.main).toBe(a.bundle);
  });

  test('documents every input and output', () => {
    for (const [name, input] of Object.entries<Record<string, unknown>>(meta.inputs ?? {})) {
      const described = typeof input.description === 'string' && input.description.length > 5;
      expect({ name, description: described }).toEqual({ name, description: true });
      if (input.required !== true) expect({ name, hasDefault: 'default' in input }).toEqual({ name, hasDefault: true });
    }
    for (const [name, output] of Object.entries<Record<string, unknown>>(meta.outputs ?? {})) {
      expect({ name, description: typeof output.description === 'string' }).toEqual({ name, description: true });
    }
  });

  test(`declares exactly the inputs src/actions/${a.name}/inputs.ts lists, each once`, () => {
    const declared = new Set(Object.keys(meta.inputs ?? {}));
    const listed = new Set(a.inputs);
    expect({ listedTwice: a.inputs.filter((n, i) => a.inputs.indexOf(n) !== i) }).toEqual({ listedTwice: [] });
    const declaredButNotListed = [...declared].filter((n) => !listed.has(n)).sort();
    expect({ declaredButNotListed }).toEqual({ declaredButNotListed: [] });
    expect({ listedButNotDeclared: [...listed].filter((n) => !declared.has(n)).sort() }).toEqual({
      listedButNotDeclared: [],
    });
  });

  test('its inputs module reads every input of its list, each once, and no other', () => {
    const { names, error } = namesRead(a);
    expect({ error }).toEqual({ error: undefined });
    expect({ readTwice: names.filter((n, i) => names.indexOf(n) !== i) }).toEqual({ readTwice: [] });
    expect([...names].sort()).toEqual([...a.inputs].sort());
  });

  test(`declares exactly the outputs src/actions/${a.name}/main.ts lists`, () => {
    expect([...a.outputs].sort()).toEqual(Object.keys(meta.outputs ?? {}).sort());
  });

  test('a post step, if any, finds the rollout inputs it reads again', () => {
    if (!meta.runs.post) return;
    expect(ROLLOUT_INPUTS.filter((n) => !a.inputs.includes(n))).toEqual([]);
  });
});
