// An action's inputs as the runner gives them (INPUT_<NAME> variables) while `fn` runs: the inputs
// `names` lists are cleared, `values` set, and the environment put back afterwards.
export function withInputs<T>(names: readonly string[], values: Record<string, string>, fn: () => T): T {
  const saved = process.env;
  process.env = { ...saved };
  for (const name of names) delete process.env[`INPUT_${name.toUpperCase()}`];
  for (const [k, v] of Object.entries(values)) process.env[`INPUT_${k.toUpperCase()}`] = v;
  try {
    return fn();
  } finally {
    process.env = saved;
  }
}
