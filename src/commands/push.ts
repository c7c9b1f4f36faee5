// `aviary push`: the push action's engine driven by flags; the password comes from stdin or the
// environment, never from a flag (it would show in the process list and shell history).
import { connectBuilder } from '../build/builder';
import { pushTags } from '../push/push';
import { parsePushSettings, PushFieldNames } from '../push/settings';
import { Command } from './command';
import { switchValue } from './build';

const FLAG_NAMES: PushFieldNames = {
  tags: 'TAG',
  registry: '--registry',
  username: '--username',
  password: '--password-stdin',
  retries: '--retries',
};

export const PASSWORD_ENV = 'AVIARY_REGISTRY_PASSWORD';

/** All of stdin, without the trailing newline `echo` adds, as `docker login --password-stdin` reads it. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export const command: Command = {
  name: 'push',
  summary:
    `Push image tags from the builder engine to their registry and print the digest it holds.\n` +
    `Credentials: --username with the password on stdin (--password-stdin) or in ${PASSWORD_ENV}; ` +
    'without them, the Docker config ($DOCKER_CONFIG/config.json or ~/.docker/config.json).',
  usage: 'aviary push [flags] TAG...',
  flags: [
    { name: 'registry', description: 'registry the credentials are for', default: 'the host of the first TAG' },
    { name: 'username', description: 'registry user', env: 'AVIARY_REGISTRY_USERNAME' },
    { name: 'password-stdin', description: `read the password from stdin (else from ${PASSWORD_ENV})`, boolean: true },
    {
      name: 'retries',
      description: 'retries after 429, 5xx or a dropped connection, with exponential backoff',
      default: '3',
    },
  ],
  async run(args, log) {
    const password = switchValue(args, 'password-stdin') ? await readStdin() : (process.env[PASSWORD_ENV] ?? '');
    log.secret(password);
    const settings = parsePushSettings(
      {
        tags: args.positional
          .flatMap((t) => t.split(','))
          .map((t) => t.trim())
          .filter(Boolean),
        registry: args.has('registry') ? args.get('registry')! : '',
        username: args.get('username') ?? '',
        password,
        retries: args.get('retries') ?? '3',
      },
      FLAG_NAMES,
    );
    const result = await pushTags(connectBuilder(), settings, log);
    log.info(`digest=${result.digest}`);
    log.info(`image=${result.image}`);
  },
};
