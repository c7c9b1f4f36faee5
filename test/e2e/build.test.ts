// The build engine against the real builder engine: tags, labels (OCI ones from GITHUB_*), build
// args, .dockerignore, target, no-cache, and the error of a failing step — checked on the images.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { buildImage, BuildResult } from '../../src/build/build';
import { BuildSettings, parseBuildSettings } from '../../src/build/settings';
import { command as buildCommand } from '../../src/commands/build';
import { parseArgs } from '../../src/commands/command';
import { RunError } from '../../src/errors';
import { MemoryLogger } from '../support/memory-logger';
import { loadFleet } from '../support/fleet';
import { rawBuildSettings } from '../support/build-settings';

const fleet = loadFleet();
const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const run = randomBytes(3).toString('hex');
const repo = `${fleet.registry.plain}/test-build/app`;
const EXAMPLE = path.resolve(__dirname, '../../examples/app');
const created: string[] = [];
const dirs: string[] = [];

const GITHUB = {
  GITHUB_SERVER_URL: 'https://github.example.com',
  GITHUB_REPOSITORY: 'acme/aviary-test',
  GITHUB_SHA: 'abcdef0123456789abcdef0123456789abcdef01',
  GITHUB_REF: 'refs/heads/feature/Build_Tests',
};

function settings(overrides: Partial<BuildSettings> & { context: string }): BuildSettings {
  return {
    file: path.join(overrides.context, 'Dockerfile'),
    tags: [],
    labels: {},
    buildArgs: {},
    pull: false,
    noCache: false,
    ...overrides,
  };
}

function contextDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-build-ctx-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

async function build(
  s: BuildSettings,
  log = new MemoryLogger(),
  env: Record<string, string> = GITHUB,
): Promise<BuildResult> {
  const result = await buildImage(docker, s, log, { env });
  created.push(...result.tags, result.imageId);
  return result;
}

/** Runs cmd in a throwaway container of image; returns its exit code and output. */
async function runIn(image: string, cmd: string[]): Promise<{ code: number; output: string }> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: cmd,
    Tty: true,
    name: `aviary-test-build-${run}-${randomBytes(2).toString('hex')}`,
  });
  try {
    await container.start();
    const { StatusCode } = await container.wait();
    const output = (await container.logs({ stdout: true, stderr: true })).toString('utf8').replace(/\r/g, '');
    return { code: StatusCode, output };
  } finally {
    await container.remove({ force: true });
  }
}

afterAll(async () => {
  for (const ref of [...new Set(created)].reverse())
    await docker
      .getImage(ref)
      .remove({ force: true })
      .catch(() => undefined);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('build on the builder engine', () => {
  let result: BuildResult;
  const log = new MemoryLogger();

  beforeAll(async () => {
    result = await build(
      settings({
        context: EXAMPLE,
        tags: [`${repo}:v1-${run}`, `${repo}:extra-${run}`],
        labels: { 'org.example.team': 'web', 'org.example.quoting': `it's $HOME \\ "q"` },
        buildArgs: { BASE: fleet.baseImage, VERSION: `v1-${run}` },
      }),
      log,
    );
  });

  test('the example app: both tags, the image id, the build duration', async () => {
    const image = await docker.getImage(result.imageId).inspect();
    expect(image.RepoTags).toEqual(expect.arrayContaining([`${repo}:v1-${run}`, `${repo}:extra-${run}`]));
    expect(result.imageId).toBe(image.Id);
    expect(result.metadata).toMatchObject({ imageid: image.Id, tags: result.tags });
    expect(result.metadata.durationMs).toBeGreaterThan(0);
  });

  test('labels: the OCI ones from GITHUB_* and the given ones', async () => {
    const labels = (await docker.getImage(result.imageId).inspect()).Config.Labels;
    expect(labels).toMatchObject({
      'org.opencontainers.image.source': 'https://github.example.com/acme/aviary-test',
      'org.opencontainers.image.revision': GITHUB.GITHUB_SHA,
      'org.example.team': 'web',
      'org.example.quoting': `it's $HOME \\ "q"`,
    });
    const created = Date.parse(labels['org.opencontainers.image.created']);
    expect(Math.abs(Date.now() - created)).toBeLessThan(5 * 60_000);
  });

  test('build args: /version holds VERSION, /health holds ok, served by httpd on 8080', async () => {
    const { code, output } = await runIn(result.imageId, [
      'sh',
      '-c',
      'httpd -p 8080 -h /www; sleep 0.3; wget -q -O- http://127.0.0.1:8080/health; echo; wget -q -O- http://127.0.0.1:8080/version',
    ]);
    expect(code).toBe(0);
    expect(output.trim().split('\n')).toEqual(['ok', `v1-${run}`]);
  });

  test('the build output streamed into a log group, line by line', () => {
    expect(log.lines).toContain(`▸ Build ${repo}:v1-${run}`);
    // BuildKit's steps: one line as each starts, one as it finishes.
    // A step that starts and finishes between two progress messages gets its finishing line only.
    expect(
      log.lines.some((l) =>
        /^#\d+ \[(stage-0 )?1\/\d+\] FROM docker\.io\/aviary\/busybox:base(: done in \d.*|: cached)?$/.test(l),
      ),
    ).toBe(true);
    // BuildKit names a RUN step with its build args filled in.
    const run3 = log.lines.filter(
      (l) => /^#\d+ \[(stage-0 )?3\/\d+\] RUN /.test(l) && l.includes(`printf '%s' "v1-${run}" > /www/version`),
    );
    expect(run3).toHaveLength(2);
    expect(run3[1]).toMatch(/: (done in \d.*|cached)$/);
    expect(log.lines.every((l) => !l.includes('\n'))).toBe(true);
  });

  test('the image stops at once on SIGTERM, and its HEALTHCHECK reports healthy', async () => {
    const container = await docker.createContainer({ Image: result.imageId, name: `aviary-test-build-${run}-serve` });
    try {
      await container.start();
      let health = '';
      for (let i = 0; i < 40 && health !== 'healthy'; i++) {
        await new Promise((r) => setTimeout(r, 250));
        health = (await container.inspect()).State.Health?.Status ?? '';
      }
      expect(health).toBe('healthy');
      const started = Date.now();
      await container.stop({ t: 10 });
      expect(Date.now() - started).toBeLessThan(3000);
      expect((await container.inspect()).State.ExitCode).toBe(0);
    } finally {
      await container.remove({ force: true });
    }
  });

  test('BROKEN=true: no /health', async () => {
    const broken = await build(
      settings({
        context: EXAMPLE,
        tags: [`${repo}:broken-${run}`],
        buildArgs: { BASE: fleet.baseImage, VERSION: 'v3', BROKEN: 'true' },
      }),
    );
    const { output } = await runIn(broken.imageId, ['sh', '-c', 'ls /www; cat /www/version']);
    expect(output).not.toMatch(/\bhealth\b/);
    expect(output).toContain('v3');
  });
});

test('.dockerignore: excluded files stay out of the context, exceptions and the Dockerfile go in', async () => {
  const dir = contextDir({
    Dockerfile: `FROM ${fleet.baseImage}\nCOPY . /ctx/\n`,
    '.dockerignore': '*.md\nsecrets/\n!KEEP.md\n',
    'app.txt': 'app',
    'README.md': 'docs',
    'KEEP.md': 'kept',
    'secrets/key': 'hunter2',
    'sub/notes.md': 'nested',
  });
  const result = await build(settings({ context: dir, tags: [`${repo}:ignore-${run}`] }));
  const { output } = await runIn(result.imageId, ['find', '/ctx', '-type', 'f']);
  const files = output
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .sort();
  expect(files).toEqual(['/ctx/.dockerignore', '/ctx/Dockerfile', '/ctx/KEEP.md', '/ctx/app.txt', '/ctx/sub/notes.md']);
});

test('a Dockerfile outside the context, a target stage, pull of a base on a plain-HTTP registry (with the legacy builder, said once)', async () => {
  const dir = contextDir({ 'data.txt': 'data' });
  const outside = contextDir({
    'build.Dockerfile': [
      `FROM ${fleet.registry.plain}/${fleet.baseImage} AS one`,
      'COPY . /ctx/',
      'RUN echo one > /stage',
      `FROM ${fleet.baseImage} AS two`,
      'RUN echo two > /stage',
      '',
    ].join('\n'),
  });
  const log = new MemoryLogger();
  const result = await build(
    settings({
      context: dir,
      file: path.join(outside, 'build.Dockerfile'),
      target: 'one',
      pull: true,
      tags: [`${repo}:target-${run}`],
    }),
    log,
  );
  const { output } = await runIn(result.imageId, [
    'sh',
    '-c',
    'cat /stage /ctx/data.txt; echo; find /ctx -type f | sort',
  ]);
  // The Dockerfile travels under a private name that the engine drops from the context.
  expect(
    output
      .trim()
      .split('\n')
      .map((l) => l.trim()),
  ).toEqual(['one', 'data', '/ctx/.dockerignore', '/ctx/data.txt']);
  expect(log.text).not.toContain('RUN echo two');
  expect(result.builder).toBe('legacy');
  expect(log.lines.filter((l) => l.startsWith('warning: building with the legacy builder'))).toEqual([
    `warning: building with the legacy builder: BuildKit reaches registries over HTTPS only and ${fleet.registry.plain} answers plain HTTP (serve the registry with TLS to build with BuildKit)`,
  ]);
});

test('the cache is used unless no-cache', async () => {
  const dir = contextDir({ Dockerfile: `FROM ${fleet.baseImage}\nRUN echo cached-${run} > /x\n` });
  await build(settings({ context: dir, tags: [`${repo}:cache-${run}`] }));
  const cached = new MemoryLogger();
  await build(settings({ context: dir, tags: [`${repo}:cache-${run}`] }), cached);
  expect(cached.lines).toContainEqual(
    expect.stringMatching(new RegExp(`^#\\d+ \\[(stage-0 )?2/2\\] RUN echo cached-${run} > /x: cached$`)),
  );
  const fresh = new MemoryLogger();
  await build(settings({ context: dir, tags: [`${repo}:cache-${run}`], noCache: true }), fresh);
  expect(fresh.lines.filter((l) => l.includes('RUN') && l.endsWith(': cached'))).toEqual([]);
  expect(fresh.lines).toContainEqual(expect.stringMatching(new RegExp(`RUN echo cached-${run} > /x: done in `)));
});

test('without tags: sha-<7> and the sanitised branch, from image and GITHUB_*', async () => {
  const dir = contextDir({ Dockerfile: `FROM ${fleet.baseImage}\nRUN echo defaults > /x\n` });
  const result = await build(settings({ context: dir, image: `${fleet.registry.plain}/test-build/defaults-${run}` }));
  expect(result.tags).toEqual([
    `${fleet.registry.plain}/test-build/defaults-${run}:sha-abcdef0`,
    `${fleet.registry.plain}/test-build/defaults-${run}:feature-Build_Tests`,
  ]);
  const image = await docker.getImage(result.imageId).inspect();
  expect(image.RepoTags).toEqual(expect.arrayContaining(result.tags));
});

test('a failing step: the error names the step and quotes its last output lines', async () => {
  const dir = contextDir({
    Dockerfile: `FROM ${fleet.baseImage}\nRUN echo preparing\nRUN echo first-line; echo second-line; false\nRUN echo never\n`,
  });
  const log = new MemoryLogger();
  const err = await build(settings({ context: dir, tags: [`${repo}:fail-${run}`] }), log).catch((e) => e);
  expect(err).toBeInstanceOf(RunError);
  expect(err.message).toMatch(/^build failed at "\[(stage-0 )?3\/4\] RUN echo first-line; echo second-line; false"/);
  expect(err.message).toContain('exit code: 1');
  expect(err.message).toMatch(/last output lines:\n {2}first-line\n {2}second-line$/);
  expect(err.message).not.toContain('preparing');
  expect(log.text).toContain('second-line');
});

test("a Dockerfile the engine cannot parse: the engine's message", async () => {
  const dir = contextDir({ Dockerfile: `FROM ${fleet.baseImage}\nNOTANINSTRUCTION x\n` });
  await expect(build(settings({ context: dir }))).rejects.toThrow(
    /build failed.*unknown instruction: NOTANINSTRUCTION/i,
  );
});

test('aviary build: flags, and the outputs printed at the end', async () => {
  const dir = contextDir({ Dockerfile: `FROM ${fleet.baseImage}\nARG V\nRUN echo "$V" > /v\n` });
  const log = new MemoryLogger();
  const args = parseArgs(buildCommand, [
    '--tag',
    `${repo}:cli-${run}`,
    '--build-arg',
    `V=cli-${run}`,
    '--label',
    'a=b',
    '--no-cache',
    dir,
  ]);
  await buildCommand.run(args, log);
  created.push(`${repo}:cli-${run}`);
  const outputs = log.lines.slice(-3);
  expect(outputs[0]).toMatch(/^imageid=sha256:[0-9a-f]{64}$/);
  expect(outputs[1]).toBe(`tags=${repo}:cli-${run}`);
  expect(JSON.parse(outputs[2].slice('metadata='.length))).toMatchObject({
    tags: [`${repo}:cli-${run}`],
    labels: { a: 'b' },
  });
  const { output } = await runIn(`${repo}:cli-${run}`, ['cat', '/v']);
  expect(output.trim()).toBe(`cli-${run}`);
});

test('settings are validated before the engine is asked', () => {
  expect(() => parseBuildSettings(rawBuildSettings(EXAMPLE, { tags: ['Bad:tag'], buildArgs: ['NOPE'] }))).toThrow(
    /2 problems/,
  );
});
