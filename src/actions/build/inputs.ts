// The build action's inputs, read once into validated settings (names as in actions/build/action.yml).
import { InputError, Problems } from '../../errors';
import { BuildSettings, parseBuildSettings, RawBuildSettings, splitAssignments } from '../../build/settings';
import { booleanInput, input, listInput } from '../runtime';

/** Reads a true/false input, collecting its problem instead of stopping at the first one. */
function flag(read: () => boolean, problems: Problems, fallback: boolean): boolean {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const p of err.problems) problems.raw(p);
    return fallback;
  }
}

/** The inputs the build and all-in-one actions share; `more` adds raw values of inputs only one action has. */
export function readBuildInputs(more: Partial<RawBuildSettings> = {}, earlier: string[] = []): BuildSettings {
  const problems = new Problems();
  for (const p of earlier) problems.raw(p);
  const pull = flag(() => booleanInput('pull', false), problems, false);
  const noCache = flag(() => booleanInput('no-cache', false), problems, false);
  let settings: BuildSettings | undefined;
  try {
    settings = parseBuildSettings({
      context: input('context'),
      file: input('file'),
      tags: listInput('tags'),
      image: input('image'),
      // Values may hold commas: split only before the next NAME=.
      labels: splitAssignments(input('labels')),
      buildArgs: splitAssignments(input('build-args')),
      target: input('target'),
      pull,
      noCache,
      ...more,
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const p of err.problems) problems.raw(p);
  }
  problems.throwIfAny();
  return settings!;
}
