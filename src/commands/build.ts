// `aviary build`: the build action's engine driven by flags; prints the action's outputs at the end.
import { InputError } from '../errors';
import { buildImage } from '../build/build';
import { connectBuilder } from '../build/builder';
import { FieldNames, parseBuildSettings, splitAssignments } from '../build/settings';
import { Command, ParsedArgs } from './command';

const FLAG_NAMES: FieldNames = {
  context: 'CONTEXT', file: '--file', tags: '--tag', image: '--image', labels: '--label',
  buildArgs: '--build-arg', target: '--target', pull: '--pull', noCache: '--no-cache',
};

/** A --switch's value: --pull, --pull=true or --pull=false. */
export function switchValue(args: ParsedArgs, name: string): boolean {
  const value = (args.get(name) ?? 'false').toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(value)) return true;
  if (['false', 'no', '0', 'off'].includes(value)) return false;
  throw new InputError(`--${name}: "${value}" is not true or false`);
}

export const command: Command = {
  name: 'build',
  summary: 'Build an image on the builder engine (DOCKER_HOST, else /var/run/docker.sock) with the legacy builder.',
  usage: 'aviary build [flags] CONTEXT',
  flags: [
    { name: 'file', description: 'path of the Dockerfile', default: 'CONTEXT/Dockerfile' },
    { name: 'tag', description: 'image tag, repeatable (or comma-separated)', multiple: true },
    { name: 'image', description: 'repository for the default tags sha-<short sha> and the branch or version tag, when no --tag is given (from GITHUB_SHA/GITHUB_REF)' },
    { name: 'label', description: 'label key=value, repeatable', multiple: true },
    { name: 'build-arg', description: 'build argument NAME=value, repeatable', multiple: true },
    { name: 'target', description: 'build stage to stop at' },
    { name: 'pull', description: 'always pull newer versions of the base images', boolean: true },
    { name: 'no-cache', description: 'do not use the build cache', boolean: true },
  ],
  async run(args, log) {
    if (args.positional.length > 1) throw new InputError(`aviary build: one CONTEXT folder expected, got ${args.positional.length}: ${args.positional.join(' ')}`);
    const settings = parseBuildSettings({
      context: args.positional[0] ?? '.',
      file: args.has('file') ? args.get('file')! : '',
      tags: args.all('tag').flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean),
      image: args.get('image') ?? '',
      labels: args.all('label').flatMap(splitAssignments),
      buildArgs: args.all('build-arg').flatMap(splitAssignments),
      target: args.get('target') ?? '',
      pull: switchValue(args, 'pull'),
      noCache: switchValue(args, 'no-cache'),
    }, FLAG_NAMES);
    const result = await buildImage(connectBuilder(), settings, log);
    log.info(`imageid=${result.imageId}`);
    log.info(`tags=${result.tags.join(',')}`);
    log.info(`metadata=${JSON.stringify(result.metadata)}`);
  },
};
