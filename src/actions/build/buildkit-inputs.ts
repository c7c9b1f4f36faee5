// The build action's inputs that only it has (BuildKit's secrets, SSH, cache, platform, and the
// default-tag switches), as raw values for parseBuildSettings. The all-in-one action reads them too.
import { InputError } from '../../errors';
import { RawBuildSettings } from '../../build/settings';
import { booleanInput, input, listInput } from '../runtime';

/** `id=value` lines: only newlines separate secrets, as in docker/build-push-action (values may hold commas). */
function lines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

export function readBuildKitInputs(problems: string[]): Partial<RawBuildSettings> {
  let semverTags = true;
  try {
    semverTags = booleanInput('semver-tags', true);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    problems.push(...err.problems);
  }
  return {
    secrets: lines(input('secrets')),
    secretFiles: lines(input('secret-files')),
    ssh: lines(input('ssh')),
    cacheFrom: lines(input('cache-from')),
    cacheTo: lines(input('cache-to')),
    platforms: listInput('platforms'),
    semverTags,
    latest: input('latest'),
  };
}
