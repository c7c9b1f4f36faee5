// `aviary build`: the build action's engine driven by flags; prints the action's outputs at the end.
import { InputError } from '../errors';
import { buildImage } from '../build/build';
import { connectBuilder } from '../build/builder';
import { FieldNames, parseBuildSettings, splitAssignments } from '../build/settings';
import { Command, ParsedArgs } from './command';

const FLAG_NAMES: FieldNames = {
  context: 'CONTEXT',
  file: '--file',
  tags: '--tag',
  image: '--image',
  labels: '--label',
  buildArgs: '--build-arg',
  target: '--target',
  pull: '--pull',
  noCache: '--no-cache',
  secrets: '--secret',
  secretFiles: '--secret',
  ssh: '--ssh',
  cacheFrom: '--cache-from',
  cacheTo: '--cache-to',
  platforms: '--platform',
  semverTags: '--semver-tags',
  latest: '--latest',
};

/**
 * `--secret id=ID,src=PATH` or `--secret id=ID,env=VAR`, as docker build takes them: a value never
 * goes on the command line, where the process list and the shell history would show it.
 */
export function secretFlags(
  items: string[],
  env: NodeJS.ProcessEnv = process.env,
): { secrets: string[]; secretFiles: string[] } {
  const secrets: string[] = [];
  const secretFiles: string[] = [];
  for (const item of items) {
    const attrs = Object.fromEntries(
      item.split(',').map((p) => [p.slice(0, p.indexOf('=')).trim(), p.slice(p.indexOf('=') + 1).trim()]),
    );
    if (!attrs.id || (!attrs.src && !attrs.source && !attrs.env)) {
      throw new InputError(`--secret: "${item}" is not id=ID,src=PATH or id=ID,env=VARIABLE`);
    }
    if (attrs.env) {
      const value = env[attrs.env];
      if (value === undefined)
        throw new InputError(`--secret ${item}: the environment variable ${attrs.env} is not set`);
      secrets.push(`${attrs.id}=${value}`);
    } else {
      secretFiles.push(`${attrs.id}=${attrs.src ?? attrs.source}`);
    }
  }
  return { secrets, secretFiles };
}

/** A --switch's value: --pull, --pull=true or --pull=false. */
export function switchValue(args: ParsedArgs, name: string): boolean {
  const value = (args.get(name) ?? 'false').toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(value)) return true;
  if (['false', 'no', '0', 'off'].includes(value)) return false;
  throw new InputError(`--${name}: "${value}" is not true or false`);
}

export const command: Command = {
  name: 'build',
  summary:
    'Build an image with BuildKit on the builder engine (DOCKER_HOST, else /var/run/docker.sock); the legacy builder only on an engine without BuildKit.',
  usage: 'aviary build [flags] CONTEXT',
  flags: [
    { name: 'file', description: 'path of the Dockerfile', default: 'CONTEXT/Dockerfile' },
    { name: 'tag', description: 'image tag, repeatable (or comma-separated)', multiple: true },
    {
      name: 'image',
      description:
        'repository for the default tags sha-<short sha> and the branch or version tag, when no --tag is given (from GITHUB_SHA/GITHUB_REF)',
    },
    { name: 'label', description: 'label key=value, repeatable', multiple: true },
    { name: 'build-arg', description: 'build argument NAME=value, repeatable', multiple: true },
    { name: 'target', description: 'build stage to stop at' },
    { name: 'pull', description: 'always pull newer versions of the base images', boolean: true },
    { name: 'no-cache', description: 'do not use the build cache', boolean: true },
    { name: 'secret', description: 'build secret id=ID,src=PATH or id=ID,env=VARIABLE, repeatable', multiple: true },
    {
      name: 'ssh',
      description: 'SSH agent for RUN --mount=type=ssh: default, default=SOCKET or ID=KEYFILE, repeatable',
      multiple: true,
    },
    {
      name: 'cache-from',
      description: 'image to import build cache from (type=registry,ref=IMAGE or IMAGE), repeatable',
      multiple: true,
    },
    { name: 'cache-to', description: 'type=inline: put the cache metadata into the image' },
    { name: 'platform', description: 'the one platform to build for, e.g. linux/arm64' },
    { name: 'semver-tags', description: 'default tags: also 1.2.3, 1.2, 1 for a v1.2.3 tag ref', default: 'true' },
    {
      name: 'latest',
      description: 'default tags: latest — auto (on the default branch), true or false',
      default: 'auto',
    },
  ],
  async run(args, log) {
    if (args.positional.length > 1)
      throw new InputError(
        `aviary build: one CONTEXT folder expected, got ${args.positional.length}: ${args.positional.join(' ')}`,
      );
    const settings = parseBuildSettings(
      {
        context: args.positional[0] ?? '.',
        file: args.has('file') ? args.get('file')! : '',
        tags: args
          .all('tag')
          .flatMap((t) => t.split(','))
          .map((t) => t.trim())
          .filter(Boolean),
        image: args.get('image') ?? '',
        labels: args.all('label').flatMap(splitAssignments),
        buildArgs: args.all('build-arg').flatMap(splitAssignments),
        target: args.get('target') ?? '',
        pull: switchValue(args, 'pull'),
        noCache: switchValue(args, 'no-cache'),
        ...secretFlags(args.all('secret')),
        ssh: args.all('ssh'),
        cacheFrom: args.all('cache-from'),
        cacheTo: args.has('cache-to') ? [args.get('cache-to')!] : [],
        platforms: args.has('platform') ? args.get('platform')!.split(',') : [],
        semverTags: args.has('semver-tags') ? switchValue(args, 'semver-tags') : true,
        latest: args.get('latest') ?? 'auto',
      },
      FLAG_NAMES,
    );
    const result = await buildImage(connectBuilder(), settings, log);
    log.info(`imageid=${result.imageId}`);
    log.info(`tags=${result.tags.join(',')}`);
    log.info(`metadata=${JSON.stringify(result.metadata)}`);
  },
};
