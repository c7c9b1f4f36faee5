import { RawBuildSettings } from '../../src/build/settings';

/** A build's raw settings as the action or the CLI hands them over: nothing set but the context and `more`. */
export function rawBuildSettings(context: string, more: Partial<RawBuildSettings> = {}): RawBuildSettings {
  return {
    context,
    file: '',
    tags: [],
    image: '',
    labels: [],
    buildArgs: [],
    target: '',
    pull: false,
    noCache: false,
    ...more,
  };
}
