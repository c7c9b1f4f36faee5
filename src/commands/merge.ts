// `aviary merge`: the merge action's engine driven by flags; the password from stdin or the environment.
import { connectBuilder } from '../build/builder';
import { engineRegistries, MergeFieldNames, mergeImages, parseMergeSettings } from '../build/merge';
import { Command } from './command';
import { switchValue } from './build';
import { PASSWORD_ENV } from './push';

const FLAG_NAMES: MergeFieldNames = {
  sources: 'SOURCE',
  tags: '--tag',
  username: '--username',
  password: '--password-stdin',
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export const command: Command = {
  name: 'merge',
  summary:
    'Join per-platform images (pushed by digest) into one multi-platform image: an OCI image index written under each --tag through the registry API.',
  usage: 'aviary merge --tag TAG [--tag TAG…] SOURCE@sha256:… SOURCE@sha256:…',
  flags: [
    { name: 'tag', description: 'tag of the multi-platform image, repeatable (or comma-separated)', multiple: true },
    { name: 'username', description: 'registry user', env: 'AVIARY_REGISTRY_USERNAME' },
    { name: 'password-stdin', description: `read the password from stdin (else from ${PASSWORD_ENV})`, boolean: true },
  ],
  async run(args, log) {
    const password = switchValue(args, 'password-stdin') ? await readStdin() : (process.env[PASSWORD_ENV] ?? '');
    log.secret(password);
    const settings = parseMergeSettings(
      {
        sources: args.positional
          .flatMap((s) => s.split(','))
          .map((s) => s.trim())
          .filter(Boolean),
        tags: args
          .all('tag')
          .flatMap((t) => t.split(','))
          .map((t) => t.trim())
          .filter(Boolean),
        username: args.get('username') ?? '',
        password,
      },
      FLAG_NAMES,
    );
    const result = await mergeImages(settings, log, { registries: await engineRegistries(connectBuilder(), log) });
    log.info(`digest=${result.digest}`);
    log.info(`image=${result.image}`);
    log.info(`platforms=${result.platforms.join(',')}`);
  },
};
