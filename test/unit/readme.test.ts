// The README tells the truth: its inputs tables are what the action.yml files declare (scripts/docs.mjs
// --check), its quick-start commands and the files it links exist, and docs/config.md covers every
// field the config loader accepts.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONTAINER_KEYS, DEFAULT_CONTAINER } from '../../src/container/config';
import { DEFAULT_HEALTH_TIMING, HEALTH_KEYS } from '../../src/health/config';
import { DEFAULT_STRATEGY, STRATEGY_KEYS } from '../../src/strategy/config';
import { formatDuration } from '../../src/util/duration';

const root = path.resolve(__dirname, '../..');
const readmePath = path.join(root, 'README.md');
const readme = fs.existsSync(readmePath) ? fs.readFileSync(readmePath, 'utf8') : '';
const configDoc = fs.existsSync(path.join(root, 'docs/config.md'))
  ? fs.readFileSync(path.join(root, 'docs/config.md'), 'utf8')
  : '';

/** Files another engineer is writing at the same time; a link to them may point nowhere yet. */
const WRITTEN_ELSEWHERE = new Set(['docs/monitoring.md']);

function docs(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/docs.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The text of a `## heading` section, up to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.search(new RegExp(`^## ${heading}\\s*$`, 'm'));
  if (start < 0) return '';
  const rest = markdown.slice(start + 3);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

function codeBlocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\``, 'gm'))].map((m) => m[1]);
}

const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  bin: Record<string, string>;
};

/** Why a shell command of the README would not run in a clone, or undefined when it would. */
function missingPart(command: string): string | undefined {
  const words = command.trim().split(/\s+/);
  if (words[0] === 'bash' || words[0] === 'sh')
    return fs.existsSync(path.join(root, words[1])) ? undefined : `${words[1]} does not exist`;
  if (words[0] === 'node') return fs.existsSync(path.join(root, words[1])) ? undefined : `${words[1]} does not exist`;
  if (words[0] === 'npm' && words[1] === 'test')
    return packageJson.scripts.test ? undefined : 'package.json has no test script';
  if (words[0] === 'npm' && words[1] === 'run')
    return packageJson.scripts[words[2]] ? undefined : `package.json has no script ${words[2]}`;
  if (words[0] === 'npx' && words[1] === 'aviary')
    return packageJson.bin.aviary ? undefined : 'package.json has no bin aviary';
  return undefined;
}

describe('the inputs and outputs tables', () => {
  test('match the action.yml files (node scripts/docs.mjs --check)', () => {
    const r = docs(['--check']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('cover every action', () => {
    const actions = fs
      .readdirSync(path.join(root, 'actions'))
      .filter((n) => fs.existsSync(path.join(root, 'actions', n, 'action.yml')));
    for (const name of actions) expect(readme).toContain(`### \`your-org/aviary/actions/${name}@v1\``);
    if (fs.existsSync(path.join(root, 'action.yml'))) expect(readme).toContain('### `your-org/aviary@v1`');
  });

  describe('--check fails', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-readme-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('when a table is stale, and the rewrite fixes it', () => {
      const copy = path.join(dir, 'README.md');
      fs.writeFileSync(copy, readme.replace(/^\| `config` \|.*$/m, '| `config` | `aviary.yml` | an old description |'));
      const stale = docs(['--check', '--readme', copy]);
      expect(stale.status).toBe(1);
      expect(stale.stderr).toContain('is stale');
      expect(stale.stderr).toContain('node scripts/docs.mjs');
      expect(docs(['--readme', copy]).status).toBe(0);
      expect(docs(['--check', '--readme', copy]).status).toBe(0);
      expect(fs.readFileSync(copy, 'utf8')).toBe(readme);
    });

    test('when the markers are missing', () => {
      const copy = path.join(dir, 'README.md');
      fs.writeFileSync(copy, '# aviary\n\nno tables here\n');
      const r = docs(['--check', '--readme', copy]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('<!-- inputs:start -->');
    });
  });
});

describe('the quick start', () => {
  const quickStart = section(readme, 'Quick start');

  test('is two commands: the demo and the tests', () => {
    const [block] = codeBlocks(quickStart, 'sh');
    const commands = (block ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(commands).toEqual(['bash scripts/demo', 'bash .ci/run']);
  });

  test('names what the demo does with files that exist', () => {
    for (const file of [
      'scripts/install-deps',
      'scripts/fleet',
      'examples/app/Dockerfile',
      'examples/aviary.yml',
      '.ci/run',
    ]) {
      expect({ file, exists: fs.existsSync(path.join(root, file)) }).toEqual({ file, exists: true });
    }
    expect(quickStart).toContain('scripts/fleet up 8');
    expect(quickStart).toContain('npm ci');
    expect(quickStart).toContain('npm test');
  });

  test('commands exist as files or package scripts', () => {
    const [block] = codeBlocks(quickStart, 'sh');
    for (const command of (block ?? '').split('\n').filter((l) => l.trim())) {
      expect({ command, missing: missingPart(command) }).toEqual({ command, missing: undefined });
    }
  });
});

test('every command in the README that runs a file of the repository names one that exists', () => {
  const problems: string[] = [];
  const inline = [...readme.matchAll(/`((?:bash|node|npm run|npm test)[^`]*)`/g)].map((m) => m[1]);
  const blocks = codeBlocks(readme, 'sh').flatMap((b) => b.split('\n'));
  for (const line of [...inline, ...blocks]) {
    const command = line.replace(/#.*$/, '').trim();
    if (!/^(bash|node|npm)\b/.test(command)) continue;
    const why = missingPart(command);
    if (why) problems.push(`${command}: ${why}`);
  }
  expect(problems).toEqual([]);
});

/** The `aviary` subcommands src/cli.ts dispatches to, with their flags. */
function cliCommands(): Map<string, Set<string>> {
  const text = fs.readFileSync(path.join(root, 'src/cli.ts'), 'utf8');
  const out = new Map<string, Set<string>>();
  for (const m of text.matchAll(
    /^\s+([a-z-]+): async \(\) => \(await import\('\.\/commands\/([a-z-]+)'\)\)\.([A-Za-z]+)/gm,
  )) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const command = require(path.join(root, 'src/commands', m[2]))[m[3]] as { flags: { name: string }[] };
    out.set(m[1], new Set([...command.flags.map((f) => f.name), 'help']));
  }
  return out;
}

test('every `aviary` command and flag the README shows exists', () => {
  const commands = cliCommands();
  expect(commands.size).toBeGreaterThanOrEqual(6);
  const problems: string[] = [];
  const lines = [
    ...codeBlocks(readme, 'sh').flatMap((b) => b.split('\n')),
    ...[...readme.matchAll(/`(aviary [^`]+)`/g)].map((m) => m[1]),
  ];
  for (const line of lines) {
    for (const m of line.matchAll(/(?:^|npx |\| |`)aviary ([a-z][a-z-]*)((?: [^|#`]*)?)/g)) {
      if (['command'].includes(m[1])) continue; // prose: "the aviary command"
      const flags = commands.get(m[1]);
      if (!flags) {
        problems.push(`${line.trim()}: aviary has no command ${m[1]}`);
        continue;
      }
      for (const f of m[2].matchAll(/--([a-z][a-z-]*)/g))
        if (!flags.has(f[1])) problems.push(`${line.trim()}: aviary ${m[1]} has no flag --${f[1]}`);
    }
  }
  expect(problems).toEqual([]);
  for (const name of commands.keys())
    expect({ name, documented: readme.includes(`\`aviary ${name} `) }).toEqual({ name, documented: true });
});

test('every relative link of README.md and docs/ points at a file that exists', () => {
  const problems: string[] = [];
  const files = [
    'README.md',
    ...fs
      .readdirSync(path.join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1].split('#')[0];
      if (!target || /^[a-z]+:/.test(target)) continue;
      const resolved = path.relative(root, path.resolve(path.dirname(path.join(root, file)), target));
      if (WRITTEN_ELSEWHERE.has(resolved)) continue;
      if (!fs.existsSync(path.join(root, resolved)))
        problems.push(`${file}: link to ${m[1]} (${resolved} does not exist)`);
    }
  }
  expect(problems).toEqual([]);
});

test('the README has its sections, and marks the ones others fill in', () => {
  for (const heading of [
    'Quick start',
    'In GitHub Actions',
    'The config file',
    'How a rollout works',
    'How rollback works',
    'The deploy lock',
    'Cancellation',
    'The `aviary` command',
    'Troubleshooting',
    'Gates and hooks',
    'Performance',
    'Reliability',
    'Inputs and outputs',
  ]) {
    expect({ heading, present: new RegExp(`^## ${heading.replace(/[`]/g, '.')}\\s*$`, 'm').test(readme) }).toEqual({
      heading,
      present: true,
    });
  }
  expect(section(readme, 'Gates and hooks')).toContain('docs/monitoring.md');
  expect(section(readme, 'Performance')).toContain('npm run bench');
});

// ---------------------------------------------------------------------------------------------
// docs/config.md against the loader

/** The `const NAME = [...]` key lists of a source file (those the loader does not export). */
function keyList(file: string, name: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const m = new RegExp(`const ${name} = \\[([^\\]]*)\\]`).exec(text);
  if (!m) throw new Error(`${file}: no ${name} list (the test reads it to check docs/config.md)`);
  return [...m[1].matchAll(/'([^']+)'/g)].map((k) => k[1]);
}

describe('docs/config.md', () => {
  const fields: Array<[string, string[]]> = [
    ['top level', keyList('src/config/load.ts', 'TOP_KEYS')],
    ['group', keyList('src/config/load.ts', 'GROUP_KEYS')],
    ['host', keyList('src/config/load.ts', 'HOST_KEYS')],
    ['tls', keyList('src/config/load.ts', 'TLS_KEYS')],
    ['container', [...CONTAINER_KEYS]],
    ['strategy', [...STRATEGY_KEYS]],
    ['health', [...HEALTH_KEYS]],
    ['health.http', keyList('src/health/config.ts', 'HTTP_KEYS')],
  ];

  test.each(fields)('documents every %s field', (_, keys) => {
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys)
      expect({ key, documented: configDoc.includes(`\`${key}\``) }).toEqual({ key, documented: true });
  });

  test('states the defaults the loader uses', () => {
    const row = (field: string) => configDoc.split('\n').find((l) => l.startsWith(`| \`${field}\` |`)) ?? '';
    expect(row('parallel')).toContain(`\`${DEFAULT_STRATEGY.parallel}\``);
    expect(row('keep')).toContain(`\`${DEFAULT_STRATEGY.keep}\``);
    expect(row('batches')).toContain('`[1, "25%", "100%"]`');
    expect(DEFAULT_STRATEGY.batches).toEqual([{ count: 1 }, { percent: 25 }, { percent: 100 }]);
    expect(row('restart')).toContain(`\`${DEFAULT_CONTAINER.restart}\``);
    expect(row('stop-timeout')).toContain(`\`${formatDuration(DEFAULT_CONTAINER.stopTimeoutMs)}\``);
    expect(row('interval')).toContain(`\`${formatDuration(DEFAULT_HEALTH_TIMING.intervalMs)}\``);
    expect(row('timeout')).toContain(`\`${formatDuration(DEFAULT_HEALTH_TIMING.timeoutMs)}\``);
    expect(row('healthy-threshold')).toContain(`\`${DEFAULT_HEALTH_TIMING.healthyThreshold}\``);
    expect(row('unhealthy-threshold')).toContain(`\`${DEFAULT_HEALTH_TIMING.unhealthyThreshold}\``);
    expect(row('deadline')).toContain(`\`${DEFAULT_HEALTH_TIMING.deadlineMs / 1000}s\``);
    expect(row('lock-timeout')).toContain('`2m`');
    expect(row('lock-wait')).toContain('`0s`');
  });

  test('is linked from the README', () => {
    expect(readme).toContain('(docs/config.md)');
  });
});
