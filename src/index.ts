// The one bundle behind every action and the CLI: dist/<action>/index.js calls run('<action>').
// Each action's code is a chunk of the bundle loaded only when that action runs (dynamic import),
// so a step parses just what it uses and its first log line comes early.
import { silenceDependencyWarnings } from './util/node-warnings';

silenceDependencyWarnings();

type Entry = () => Promise<void>;

const entries: Record<string, () => Promise<Entry>> = {
  build: async () => (await import('./actions/build/main')).run,
  push: async () => (await import('./actions/push/main')).run,
  deploy: async () => (await import('./actions/deploy/main')).run,
  'deploy-post': async () => (await import('./actions/deploy/post')).run,
  rollback: async () => (await import('./actions/rollback/main')).run,
  merge: async () => (await import('./actions/merge/main')).run,
  'rollback-post': async () => (await import('./actions/rollback/post')).run,
  all: async () => (await import('./actions/all/main')).run,
};

/** Runs the named action (as GitHub does through dist/<name>/index.js). */
export async function run(name: string): Promise<void> {
  const load = entries[name];
  if (!load) throw new Error(`aviary: unknown action "${name}"`);
  return (await load())();
}

/** Runs the `aviary` command with the given arguments. */
export async function cli(argv: string[]): Promise<void> {
  return (await import('./cli')).main(argv);
}
