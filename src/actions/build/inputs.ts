// The build action's inputs (BUILD_INPUTS), each read once into validated settings; the all-in-one
// action reads them too.
import { InputError, Problems } from '../../errors';
import { BuildSettings, parseBuildSettings, splitAssignments } from '../../build/settings';
import { inputReader } from '../runtime';
import { BUILD_INPUTS } from '../shared/names';

export const INPUTS = BUILD_INPUTS;

export type BuildInputs = BuildSettings;

/** `id=value` lines: only newlines separate secrets, as in docker/build-push-action (values may hold commas). */
function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

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

/** Every build input; every problem of them at once. */
export function readBuildInputs(): BuildInputs {
  const read = inputReader(INPUTS);
  const problems = new Problems();
  const semverTags = flag(() => read.flag('semver-tags', true), problems, true);
  const pull = flag(() => read.flag('pull', false), problems, false);
  const noCache = flag(() => read.flag('no-cache', false), problems, false);
  let settings: BuildSettings | undefined;
  try {
    settings = parseBuildSettings({
      context: read.text('context'),
      file: read.text('file'),
      tags: read.list('tags'),
      image: read.text('image'),
      // Values may hold commas: split only before the next NAME=.
      labels: splitAssignments(read.text('labels')),
      buildArgs: splitAssignments(read.text('build-args')),
      target: read.text('target'),
      pull,
      noCache,
      secrets: lines(read.text('secrets')),
      secretFiles: lines(read.text('secret-files')),
      ssh: lines(read.text('ssh')),
      cacheFrom: lines(read.text('cache-from')),
      cacheTo: lines(read.text('cache-to')),
      platforms: read.list('platforms'),
      semverTags,
      latest: read.text('latest'),
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const p of err.problems) problems.raw(p);
  }
  problems.throwIfAny();
  return settings!;
}
