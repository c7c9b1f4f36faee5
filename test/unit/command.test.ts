// The flags of an `aviary` subcommand (commands/command.ts): values, switches, env fallbacks,
// positionals, the errors a user sees for a wrong flag, and the --help text.
import { Command, helpText, parseArgs } from '../../src/commands/command';
import { InputError } from '../../src/errors';
import { command as buildCommand, switchValue } from '../../src/commands/build';

const demo: Command = {
  name: 'demo',
  summary: 'A command to test the flag parser with.',
  usage: 'aviary demo [flags] THING...',
  flags: [
    { name: 'config', description: 'config file', default: 'aviary.yml' },
    { name: 'tag', description: 'image tag, repeatable', multiple: true },
    { name: 'username', description: 'registry user', env: 'DEMO_USER' },
    { name: 'dry-run', description: 'change nothing', boolean: true },
    { name: 'pull', description: 'pull first', boolean: true },
  ],
  run: async () => undefined,
};

function problem(argv: string[], command: Command = demo): string {
  try {
    parseArgs(command, argv, {});
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

test('values: --flag value and --flag=value; the last one wins; repeatable flags collect in order', () => {
  const args = parseArgs(
    demo,
    ['--config', 'a.yml', '--tag', 'x:1', 'one', '--tag=x:2', '--config=b.yml', 'two', '--tag='],
    {},
  );
  expect(args.get('config')).toBe('b.yml');
  expect(args.all('tag')).toEqual(['x:1', 'x:2', '']);
  expect(args.get('tag')).toBe('');
  expect(args.positional).toEqual(['one', 'two']);
  expect(args.has('config')).toBe(true);
  expect(args.has('username')).toBe(false);
  expect(args.get('nothing')).toBeUndefined();
  expect(args.all('nothing')).toEqual([]);
});

test('a flag not given falls back to its env variable (when set and not empty), then to its default', () => {
  expect(parseArgs(demo, [], { DEMO_USER: 'env-user' }).get('username')).toBe('env-user');
  expect(parseArgs(demo, [], { DEMO_USER: 'env-user' }).all('username')).toEqual(['env-user']);
  expect(parseArgs(demo, ['--username', 'flag-user'], { DEMO_USER: 'env-user' }).get('username')).toBe('flag-user');
  expect(parseArgs(demo, [], { DEMO_USER: '' }).get('username')).toBeUndefined();
  expect(parseArgs(demo, [], {}).get('config')).toBe('aviary.yml');
  expect(parseArgs(demo, [], {}).all('config')).toEqual(['aviary.yml']);
  expect(parseArgs(demo, [], {}).has('config')).toBe(false);
});

test('switches: --name is "true", --name=VALUE keeps its value, and the last one wins', () => {
  expect(parseArgs(demo, ['--dry-run'], {}).get('dry-run')).toBe('true');
  expect(parseArgs(demo, ['--dry-run=false'], {}).get('dry-run')).toBe('false');
  expect(parseArgs(demo, ['--dry-run=false', '--dry-run'], {}).get('dry-run')).toBe('true');
  expect(parseArgs(demo, [], {}).get('dry-run')).toBeUndefined();
  // A switch takes no separate value: the next word is a positional.
  const args = parseArgs(demo, ['--pull', 'context'], {});
  expect([args.get('pull'), args.positional]).toEqual(['true', ['context']]);
  expect(switchValue(parseArgs(buildCommand, ['--pull=false', '--no-cache'], {}), 'pull')).toBe(false);
  expect(switchValue(parseArgs(buildCommand, ['--pull=false', '--no-cache'], {}), 'no-cache')).toBe(true);
});

test('everything after -- is a positional, flags and switches included', () => {
  const args = parseArgs(demo, ['--tag', 'a', '--', '--tag', 'b', '--dry-run=false', '-y', '--'], {});
  expect(args.all('tag')).toEqual(['a']);
  expect(args.has('dry-run')).toBe(false);
  expect(args.positional).toEqual(['--tag', 'b', '--dry-run=false', '-y', '--']);
  expect(parseArgs(demo, ['-', 'x'], {}).positional).toEqual(['-', 'x']);
});

test.each([
  [['--nope'], 'aviary demo: unknown flag --nope (see aviary demo --help)'],
  [['--nope=1', '--tag', 'x'], 'aviary demo: unknown flag --nope (see aviary demo --help)'],
  [['--tag', 'x', '-y'], 'aviary demo: unknown flag -y (see aviary demo --help)'],
  [['--help'], 'aviary demo: unknown flag --help (see aviary demo --help)'],
  [['one', '--tag'], 'aviary demo: --tag needs a value'],
  [['--config'], 'aviary demo: --config needs a value'],
])('%j is refused: %s', (argv, message) => {
  expect(problem(argv)).toBe(message);
});

test('a flag followed by another flag has no value, and the message says how to give one that starts with -', () => {
  expect(problem(['--tag', '--dry-run'])).toBe(
    'aviary demo: --tag needs a value (write --tag=-VALUE for a value that starts with -)',
  );
  expect(problem(['--config', '-x'])).toBe(
    'aviary demo: --config needs a value (write --config=-VALUE for a value that starts with -)',
  );
  expect(parseArgs(demo, ['--config', '-'], {}).get('config')).toBe('-');
  expect(parseArgs(demo, ['--tag=--dry-run', '--config=-x'], {}).all('tag')).toEqual(['--dry-run']);
  expect(parseArgs(demo, ['--tag=--dry-run', '--config=-x'], {}).get('config')).toBe('-x');
});

test('the --help text lists every flag with its default and env variable', () => {
  expect(helpText(demo)).toBe(
    [
      'A command to test the flag parser with.',
      '',
      'Usage: aviary demo [flags] THING...',
      '',
      'Flags:',
      '  --config <value>     config file (default: aviary.yml)',
      '  --tag <value>        image tag, repeatable',
      '  --username <value>   registry user (env: DEMO_USER)',
      '  --dry-run            change nothing',
      '  --pull               pull first',
      '  --help               show this help',
    ].join('\n'),
  );
});
