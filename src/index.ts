// The one bundle behind every action and the CLI: dist/<action>/index.js calls run('<action>').
// Each action's code is required only when that action runs, so a step loads just what it uses.

type Entry = () => Promise<void>;

const entries: Record<string, () => Entry> = {
  build: () => require('./actions/build/main').run,
  push: () => require('./actions/push/main').run,
  deploy: () => require('./actions/deploy/main').run,
  'deploy-post': () => require('./actions/deploy/post').run,
  rollback: () => require('./actions/rollback/main').run,
  all: () => require('./actions/all/main').run,
};

/** Runs the named action (as GitHub does through dist/<name>/index.js). */
export function run(name: string): Promise<void> {
  const load = entries[name];
  if (!load) throw new Error(`aviary: unknown action "${name}"`);
  return load()();
}

/** Runs the `aviary` command with the given arguments. */
export function cli(argv: string[]): Promise<void> {
  return require('./cli').main(argv);
}
