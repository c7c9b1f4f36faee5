// BuildKit through the Engine API, on the fleet's builder engine and registries: a cache mount, a
// secret mount (the value looked for in the image's layers, history, labels, the log and the
// outputs: found nowhere), an SSH mount served from a key file and from an agent, registry
// credentials served to BuildKit through the session, a here-doc, a multi-stage target, a cached
// rebuild, and a rebuild from a registry cache after the image and its build cache are gone.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { buildImage, BuildOptions, BuildResult } from '../../src/build/build';
import { BuildSettings, parseBuildSettings } from '../../src/build/settings';
import { command as buildCommand } from '../../src/commands/build';
import { parseArgs } from '../../src/commands/command';
import { Logger } from '../../src/log';
import { MemoryLogger } from '../support/memory-logger';
import { loadFleet } from '../support/fleet';
import { rawBuildSettings } from '../support/build-settings';

const fleet = loadFleet();
const tlsRegistry = (fleet.registry as { tls?: string }).tls;
const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const run = randomBytes(3).toString('hex');
const repo = `${fleet.registry.plain}/bk-buildkit/app`;
const images: string[] = [];
const dirs: string[] = [];

/** Every line as the build wrote it, before any masking: what a log without masking would show. */
class RawLogger extends MemoryLogger {
  readonly raw: string[] = [];
  info(m: string): void {
    this.raw.push(m);
    super.info(m);
  }
  warn(m: string): void {
    this.raw.push(m);
    super.warn(m);
  }
  error(m: string): void {
    this.raw.push(m);
    super.error(m);
  }
  debug(m: string): void {
    this.raw.push(m);
    super.debug(m);
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.raw.push(title);
    return super.group(title, fn);
  }
}

function contextDir(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bk-buildkit-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function settings(context: string, more: Partial<BuildSettings> = {}): BuildSettings {
  return {
    context,
    file: path.join(context, 'Dockerfile'),
    tags: [],
    labels: {},
    buildArgs: {},
    pull: false,
    noCache: false,
    ...more,
  };
}

async function build(
  s: BuildSettings,
  log: Logger = new MemoryLogger(),
  options: BuildOptions = {},
): Promise<BuildResult> {
  const result = await buildImage(docker, s, log, { env: {}, ...options });
  images.push(...result.tags, result.imageId);
  return result;
}

async function runIn(image: string, cmd: string[]): Promise<string> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: cmd,
    name: `bk-buildkit-${run}-${randomBytes(2).toString('hex')}`,
  });
  try {
    await container.start();
    await container.wait();
    return demux((await container.logs({ stdout: true, stderr: true })) as unknown as Buffer);
  } finally {
    await container.remove({ force: true });
  }
}

/** The text of a non-TTY container's log: frames of an 8-byte header (stream, size) and the bytes. */
function demux(buf: Buffer): string {
  let out = '';
  for (let i = 0; i + 8 <= buf.length; i += 8 + buf.readUInt32BE(i + 4))
    out += buf.subarray(i + 8, i + 8 + buf.readUInt32BE(i + 4)).toString('utf8');
  return out;
}

/** The whole image as `docker save` writes it: every layer's files, the config, the history. */
async function savedImage(ref: string): Promise<Buffer> {
  const stream = await docker.getImage(ref).get();
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function push(tag: string): Promise<void> {
  const stream = (await docker
    .getImage(tag)
    .push({ authconfig: { serveraddress: tag.split('/')[0] } } as never)) as unknown as NodeJS.ReadableStream;
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (err: Error | null, out: Array<{ error?: string }>) => {
      const failed = err?.message ?? out.find((o) => o.error)?.error;
      if (failed) reject(new Error(failed));
      else resolve();
    }),
  );
}

afterAll(async () => {
  for (const ref of [...new Set(images)].reverse())
    await docker
      .getImage(ref)
      .remove({ force: true })
      .catch(() => undefined);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test('BuildKit is the default: a cache mount builds, and the log has one line per step start and finish', async () => {
  const dir = contextDir({
    Dockerfile: `FROM ${fleet.baseImage}\nRUN --mount=type=cache,target=/cache echo ${run} > /cache/x && cp /cache/x /from-cache && echo step output here\n`,
  });
  const log = new MemoryLogger();
  const result = await build(settings(dir, { tags: [`${repo}:mount-${run}`] }), log);
  expect(result.builder).toBe('buildkit');
  expect(result.metadata.builder).toBe('buildkit');
  expect((await runIn(result.imageId, ['cat', '/from-cache'])).trim()).toBe(run);
  const step = log.lines.filter((l) => l.includes(`RUN --mount=type=cache,target=/cache echo ${run}`));
  expect(step).toHaveLength(2);
  expect(step[0]).toMatch(/^#\d+ \[(stage-0 )?2\/2\] RUN --mount=type=cache/);
  expect(step[1]).toMatch(/: done in \d+(\.\d+)?m?s$/);
  expect(log.lines).toContainEqual(expect.stringMatching(/^#\d+ step output here$/));
  // BuildKit's own bookkeeping (loading the Dockerfile, exporting) stays at debug level.
  expect(log.lines.filter((l) => /^#\d+ \[internal\]/.test(l))).toEqual([]);
});

test('a here-doc and a multi-stage target', async () => {
  const dir = contextDir({
    Dockerfile: [
      `FROM ${fleet.baseImage} AS base`,
      'RUN echo base > /stage',
      'FROM base AS tools',
      'RUN echo tools > /stage && echo tools > /tools',
      'FROM base AS final',
      'RUN echo final > /stage',
      '',
    ].join('\n'),
  });
  const tools = await build(settings(dir, { target: 'tools', tags: [`${repo}:target-${run}`] }));
  expect((await runIn(tools.imageId, ['cat', '/stage', '/tools'])).split('\n').filter(Boolean)).toEqual([
    'tools',
    'tools',
  ]);
  const final = await build(settings(dir));
  expect((await runIn(final.imageId, ['sh', '-c', 'cat /stage; ls /tools 2>&1'])).trim()).toMatch(
    /^final\n.*No such file/,
  );

  const heredoc = contextDir({
    Dockerfile: `FROM ${fleet.baseImage}\nRUN <<EOT\necho line-1 > /h\necho line-2 >> /h\nEOT\n`,
  });
  const result = await build(settings(heredoc)).catch((err: Error) => err);
  if (result instanceof Error) {
    // The engine's built-in Dockerfile front end (Docker 20.10: dockerfile 1.2) predates here-docs;
    // they need `# syntax=docker/dockerfile:1.4`, a front end image from a registry the lab cannot reach.
    expect(result.message).toMatch(/build failed.*(unknown instruction: (ECHO|EOT)|dockerfile parse error)/is);
  } else {
    expect((await runIn(result.imageId, ['cat', '/h'])).trim()).toBe('line-1\nline-2');
  }
});

describe('a secret mount', () => {
  const secret = `s3cr3t-${randomBytes(12).toString('hex')}`;
  const fileSecret = `file-${randomBytes(12).toString('hex')}`;
  let result: BuildResult;
  const log = new RawLogger();

  beforeAll(async () => {
    const dir = contextDir({
      Dockerfile: [
        `FROM ${fleet.baseImage}`,
        'ARG TOKEN_NAME=token',
        'RUN --mount=type=secret,id=token --mount=type=secret,id=npmrc wc -c < /run/secrets/token > /token-length && wc -c < /run/secrets/npmrc > /file-length && ls /run/secrets > /listed',
        '',
      ].join('\n'),
      'secret.txt': fileSecret,
    });
    const s = parseBuildSettings(
      rawBuildSettings(dir, {
        tags: [`${repo}:secret-${run}`],
        labels: ['org.example.team=web'],
        secrets: [`token=${secret}`],
        secretFiles: [`npmrc=${path.join(dir, 'secret.txt')}`],
        cacheTo: ['type=inline'],
      }),
    );
    result = await build(s, log);
  });

  test('reaches the step (its length is written), and the mount is gone afterwards', async () => {
    expect(
      (await runIn(result.imageId, ['cat', '/token-length', '/file-length']))
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    ).toEqual([String(secret.length), String(fileSecret.length)]);
    expect((await runIn(result.imageId, ['cat', '/listed'])).trim()).toBe('npmrc\ntoken');
    expect((await runIn(result.imageId, ['sh', '-c', 'find /run/secrets -type f 2>/dev/null | wc -l'])).trim()).toBe(
      '0',
    );
  });

  test('is nowhere: not in the layers, config, history or labels of the image, not in the log, not in the outputs', async () => {
    const saved = await savedImage(result.imageId);
    expect(saved.length).toBeGreaterThan(100_000);
    expect(saved.includes(Buffer.from('org.example.team'))).toBe(true); // the search itself finds what is there
    for (const value of [secret, fileSecret]) {
      expect(saved.includes(Buffer.from(value))).toBe(false);
      expect(JSON.stringify(await docker.getImage(result.imageId).history())).not.toContain(value);
      expect(JSON.stringify(await docker.getImage(result.imageId).inspect())).not.toContain(value);
      expect(log.raw.join('\n')).not.toContain(value);
      expect(JSON.stringify(result)).not.toContain(value);
    }
    expect(log.text).toContain('secrets: token, npmrc (values masked)');
  });

  test('a step that prints the secret shows *** in the log', async () => {
    const dir = contextDir({
      Dockerfile: `FROM ${fleet.baseImage}\nRUN --mount=type=secret,id=token echo "the token is $(cat /run/secrets/token) ${run}"\n`,
    });
    const shown = new MemoryLogger();
    await build(settings(dir, { secrets: { token: secret } }), shown);
    expect(shown.text).toContain(`the token is *** ${run}`);
    expect(shown.text).not.toContain(secret);
  });

  test('a secret the build does not get: the step fails and says which', async () => {
    const dir = contextDir({
      Dockerfile: `FROM ${fleet.baseImage}\nRUN --mount=type=secret,id=missing,required=true cat /run/secrets/missing\n`,
    });
    await expect(build(settings(dir))).rejects.toThrow(
      /build failed at "\[(stage-0 )?2\/2\] RUN --mount=type=secret,id=missing.*secret missing not found/s,
    );
  });
});

describe('an SSH mount', () => {
  let keyFile: string;
  let fingerprint: string;
  let context: string;

  beforeAll(() => {
    const keys = contextDir({});
    keyFile = path.join(keys, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `bk-${run}`, '-f', keyFile]);
    fingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${keyFile}.pub`], { encoding: 'utf8' }).split(' ')[1];
    // ssh-add, dynamically linked: copied with the libraries it needs (ldd), so the step can ask the agent.
    const libs = execFileSync('ldd', ['/usr/bin/ssh-add'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => /(\/\S+) \(0x/.exec(l)?.[1])
      .filter((l): l is string => !!l);
    const files: Record<string, Buffer | string> = { 'root/usr/bin/ssh-add': fs.readFileSync('/usr/bin/ssh-add') };
    for (const lib of libs) files[`root${lib}`] = fs.readFileSync(lib);
    files.Dockerfile = `FROM ${fleet.baseImage}\nCOPY root/ /\nRUN --mount=type=ssh ssh-add -l > /agent-keys 2>&1; echo "exit $?" >> /agent-keys\n`;
    context = contextDir(files);
    // The loader and the libraries are mapped executable: 0755, as on the host.
    for (const file of Object.keys(files).filter((f) => f.startsWith('root/')))
      fs.chmodSync(path.join(context, file), 0o755);
  });

  test('from a key file: an agent inside aviary lists the key to the step; the key is not in the image', async () => {
    // An SSH agent, like a secret, is not part of the cache key: no-cache, so that the step runs with this key.
    const result = await build(settings(context, { noCache: true, ssh: parseSshSetting(`default=${keyFile}`) }));
    const listed = await runIn(result.imageId, ['cat', '/agent-keys']);
    expect(listed).toContain(fingerprint);
    expect(listed).toContain('exit 0');
    expect((await savedImage(result.imageId)).includes(fs.readFileSync(keyFile).subarray(40, 100))).toBe(false);
  });

  test('from a running ssh-agent ($SSH_AUTH_SOCK)', async () => {
    const sock = path.join(contextDir({}), 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 50 && !fs.existsSync(sock); i++) await new Promise((r) => setTimeout(r, 100));
      execFileSync('ssh-add', [keyFile], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
      const before = process.env.SSH_AUTH_SOCK;
      process.env.SSH_AUTH_SOCK = sock;
      let s: BuildSettings;
      try {
        s = parseBuildSettings(rawBuildSettings(context, { noCache: true, ssh: ['default'] }));
      } finally {
        if (before === undefined) delete process.env.SSH_AUTH_SOCK;
        else process.env.SSH_AUTH_SOCK = before;
      }
      expect(s.ssh).toEqual({ default: { socket: sock } });
      const result = await build(s);
      expect(await runIn(result.imageId, ['cat', '/agent-keys'])).toContain(fingerprint);
    } finally {
      agent.kill();
    }
  });
});

function parseSshSetting(line: string): BuildSettings['ssh'] {
  const dir = contextDir({ Dockerfile: 'FROM scratch\n' });
  return parseBuildSettings(rawBuildSettings(dir, { ssh: [line] })).ssh;
}

test('an unchanged rebuild is cached step by step; no-cache runs every step again', async () => {
  const dir = contextDir({
    Dockerfile: `FROM ${fleet.baseImage}\nRUN echo one-${run} > /one\nRUN echo two-${run} > /two\n`,
  });
  await build(settings(dir));
  const again = new MemoryLogger();
  await build(settings(dir), again);
  expect(again.lines.filter((l) => / RUN echo (one|two)-.*: cached$/.test(l))).toHaveLength(2);
  const fresh = new MemoryLogger();
  await build(settings(dir, { noCache: true }), fresh);
  expect(fresh.lines.filter((l) => / RUN echo (one|two)-.*: done in /.test(l))).toHaveLength(2);
});

(tlsRegistry ? test : test.skip)(
  'cache-to inline, pushed; after the image and its build cache are removed, cache-from reuses it from the registry',
  async () => {
    const tag = `${tlsRegistry}/bk-buildkit/cache:${run}`;
    const dir = contextDir({
      Dockerfile: `FROM ${fleet.baseImage}\nRUN echo slow-${run} > /slow && sleep 6\nRUN echo fast-${run} > /fast\n`,
    });
    const first = await build(settings(dir, { tags: [tag], cacheTo: 'inline' }));
    await push(tag);
    await docker.getImage(tag).remove({ force: true });
    // Only this build's cache records: others' tests share the engine. Their descriptions hold the run id.
    const pruned = (await docker.pruneBuilder({
      filters: JSON.stringify({ 'description~': [run] }),
    } as never)) as unknown as { CachesDeleted?: string[] };
    expect(pruned.CachesDeleted?.length).toBeGreaterThan(0);

    const cold = new MemoryLogger();
    await build(settings(dir, { tags: [`${repo}:cold-${run}`] }), cold);
    expect(cold.lines.filter((l) => /: cached$/.test(l) && l.includes(run))).toHaveLength(0);
    await docker.getImage(`${repo}:cold-${run}`).remove({ force: true });
    await docker.pruneBuilder({ filters: JSON.stringify({ 'description~': [run] }) } as never);

    const log = new MemoryLogger();
    const started = Date.now();
    const reused = await build(
      parseBuildSettings(rawBuildSettings(dir, { tags: [tag], cacheFrom: [`type=registry,ref=${tag}`] })),
      log,
    );
    expect(log.text).toContain(`cache from: ${tag}`);
    expect(log.lines.filter((l) => / RUN echo (slow|fast)-.*: cached$/.test(l))).toHaveLength(2);
    // The slow step takes 6 s whenever it runs: a build under that reused it, whatever the machine's load.
    expect(Date.now() - started).toBeLessThan(6000);
    expect((await runIn(reused.imageId, ['cat', '/slow', '/fast'])).split('\n').filter(Boolean)).toEqual([
      `slow-${run}`,
      `fast-${run}`,
    ]);
    expect(first.imageId).toBeDefined();
  },
  90_000,
);

(tlsRegistry ? test : test.skip)('pull: a base image on a TLS registry is pulled by BuildKit itself', async () => {
  const base = `${tlsRegistry}/bk-buildkit/base:${run}`;
  await docker.getImage(fleet.baseImage).tag({ repo: `${tlsRegistry}/bk-buildkit/base`, tag: run });
  images.push(base);
  await push(base);
  await docker.getImage(base).remove();
  const dir = contextDir({ Dockerfile: `FROM ${base}\nRUN echo pulled-${run} > /p\n` });
  const log = new MemoryLogger();
  const result = await build(settings(dir, { pull: true }), log);
  expect(result.builder).toBe('buildkit');
  expect(log.text).not.toContain('legacy builder');
  expect(log.lines).toContainEqual(
    expect.stringMatching(
      new RegExp(`^#\\d+ \\[(stage-0 )?1/2\\] FROM ${base.replace(/[.]/g, '\\.')}@sha256:[0-9a-f]{64}`),
    ),
  );
  expect((await runIn(result.imageId, ['cat', '/p'])).trim()).toBe(`pulled-${run}`);
});

test('a Dockerfile outside the context and a .dockerignore, with BuildKit', async () => {
  const dir = contextDir({ 'data.txt': 'data', 'skip.md': 'no', '.dockerignore': '*.md\n' });
  const outside = contextDir({ 'build.Dockerfile': `FROM ${fleet.baseImage}\nCOPY . /ctx/\n` });
  const result = await build(settings(dir, { file: path.join(outside, 'build.Dockerfile') }));
  expect(result.builder).toBe('buildkit');
  // aviary applies the .dockerignore itself (skip.md stays out). The Dockerfile travels in the tar
  // under a private, content-named name: the legacy builder drops it, but Docker 20.10's BuildKit
  // applies no .dockerignore to an uploaded context, so COPY . sees it (docs/build.md says so).
  const files = (await runIn(result.imageId, ['find', '/ctx', '-type', 'f'])).trim().split('\n').sort();
  expect(files).toEqual([
    '/ctx/.dockerfile.' + files[0].slice('/ctx/.dockerfile.'.length),
    '/ctx/.dockerignore',
    '/ctx/data.txt',
  ]);
  expect(files[0]).toMatch(/^\/ctx\/\.dockerfile\.[0-9a-f]{20}$/);
});

/**
 * A registry of this test's own with TLS (the fleet's TLS registry's certificate) and a password
 * (the fleet's htpasswd), in the registry's namespace on :5444: where BuildKit must ask the session
 * for credentials to pull a base image.
 */
async function privateTlsRegistry(): Promise<{ address: string; stop: () => void }> {
  const dir = contextDir({});
  const r = path.join(fleet.dir, 'registry');
  fs.writeFileSync(
    path.join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${dir}/data`,
      'http:',
      '  addr: 10.210.0.2:5444',
      `  secret: ${randomBytes(8).toString('hex')}`,
      '  tls:',
      `    certificate: ${r}/tls/cert.pem`,
      `    key: ${r}/tls/key.pem`,
      'auth:',
      '  htpasswd:',
      '    realm: bk-private',
      `    path: ${r}/htpasswd`,
      '',
    ].join('\n'),
  );
  const child = spawn(
    'nsenter',
    ['--net=/var/run/netns/avreg', 'docker-registry', 'serve', path.join(dir, 'config.yml')],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    const code = await new Promise<number>((resolve) => {
      const req = https.get('https://10.210.0.2:5444/v2/', { rejectUnauthorized: false, timeout: 500 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
    });
    if (code === 401) return { address: '10.210.0.2:5444', stop: () => child.kill() };
    await new Promise((res) => setTimeout(res, 100));
  }
  child.kill();
  throw new Error('the private TLS registry on 10.210.0.2:5444 did not answer');
}

(tlsRegistry && fs.existsSync('/var/run/netns/avreg') ? test : test.skip)(
  'a base image on a registry with a password: BuildKit gets the credentials through the session, from the Docker config',
  async () => {
    const registry = await privateTlsRegistry();
    try {
      const { username, password } = fleet.registry;
      const base = `${registry.address}/bk-buildkit/private-base:${run}`;
      await docker.getImage(fleet.baseImage).tag({ repo: `${registry.address}/bk-buildkit/private-base`, tag: run });
      images.push(base);
      const stream = (await docker.getImage(base).push({
        authconfig: { username, password, serveraddress: registry.address },
      } as never)) as unknown as NodeJS.ReadableStream;
      await new Promise<void>((resolve, reject) =>
        docker.modem.followProgress(stream, (err: Error | null, out: Array<{ error?: string }>) => {
          const failed = err?.message ?? out.find((o) => o.error)?.error;
          if (failed) reject(new Error(failed));
          else resolve();
        }),
      );
      await docker.getImage(base).remove();
      const dir = contextDir({ Dockerfile: `FROM ${base}\nRUN echo private-${run} > /p\n` });
      const without = await build(settings(dir, { pull: true })).then(
        () => new Error('built'),
        (e: Error) => e,
      );
      expect(without.message).toMatch(/401 Unauthorized|authorization|unauthorized/i);

      const config = contextDir({
        'config.json': JSON.stringify({
          auths: { [registry.address]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } },
        }),
      });
      const log = new RawLogger();
      const result = await build(settings(dir, { pull: true }), log, { env: { DOCKER_CONFIG: config } });
      expect(result.builder).toBe('buildkit');
      expect(log.raw).toContain(
        `debug: BuildKit asked for credentials of ${registry.address}: user "${username}"`.slice('debug: '.length),
      );
      expect((await runIn(result.imageId, ['cat', '/p'])).trim()).toBe(`private-${run}`);
      expect(log.raw.join('\n')).not.toContain(password);
    } finally {
      registry.stop();
    }
  },
  60_000,
);

test('a failing step: the error names it and quotes its last output lines', async () => {
  const dir = contextDir({
    Dockerfile: `FROM ${fleet.baseImage}\nRUN echo preparing-${run}\nRUN echo on-stderr >&2; echo first-line; echo second-line; false\nRUN echo never\n`,
  });
  const log = new MemoryLogger();
  const err = await build(settings(dir, { noCache: true }), log).then(
    () => new Error('built'),
    (e: Error) => e,
  );
  // stdout and stderr come as separate streams, whose relative order BuildKit does not keep.
  expect(err.message).toMatch(
    /^build failed at "\[(stage-0 )?3\/4\] RUN echo on-stderr >&2; echo first-line; echo second-line; false": .*exit code: 1/,
  );
  const tail = err.message.slice(err.message.indexOf('last output lines:\n'));
  expect(
    tail
      .split('\n')
      .filter((l: string) => l.startsWith('  '))
      .sort(),
  ).toEqual(['  first-line', '  on-stderr', '  second-line']);
  expect(tail).toMatch(/ {2}first-line\n(?: {2}on-stderr\n)? {2}second-line/);
  expect(err.message).not.toContain('preparing');
  expect(log.lines).toContainEqual(expect.stringMatching(/^#\d+ \[(stage-0 )?3\/4\] RUN echo on-stderr.*: failed: /));
  expect(log.lines).toContainEqual(expect.stringMatching(/^#\d+ on-stderr$/));
});

test('aviary build: --secret from the environment, --cache-to inline; the outputs printed, the secret nowhere in them', async () => {
  const dir = contextDir({
    Dockerfile: `FROM ${fleet.baseImage}\nRUN --mount=type=secret,id=tok wc -c < /run/secrets/tok > /len\n`,
  });
  const value = `cli-secret-${randomBytes(8).toString('hex')}`;
  const log = new RawLogger();
  process.env.BK_CLI_TOKEN = value;
  try {
    await buildCommand.run(
      parseArgs(buildCommand, [
        '--tag',
        `${repo}:cli-${run}`,
        '--secret',
        'id=tok,env=BK_CLI_TOKEN',
        '--cache-to',
        'type=inline',
        '--no-cache',
        dir,
      ]),
      log,
    );
  } finally {
    delete process.env.BK_CLI_TOKEN;
  }
  images.push(`${repo}:cli-${run}`);
  const metadata = JSON.parse(log.lines.find((l) => l.startsWith('metadata='))!.slice('metadata='.length));
  expect(metadata).toMatchObject({ builder: 'buildkit', tags: [`${repo}:cli-${run}`] });
  expect((await runIn(`${repo}:cli-${run}`, ['cat', '/len'])).trim()).toBe(String(value.length));
  expect(log.raw.join('\n')).not.toContain(value);
  // The inline cache is in the image's config, for a cache-from after a push.
  expect((await savedImage(`${repo}:cli-${run}`)).includes(Buffer.from('moby.buildkit.cache.v0'))).toBe(true);
});

test('platforms: one builds for it; two are refused with the way to do it', async () => {
  const dir = contextDir({ Dockerfile: 'FROM scratch\nCOPY Dockerfile /\n' });
  const result = await build(settings(dir, { platform: 'linux/arm64' }));
  expect((await docker.getImage(result.imageId).inspect()).Architecture).toBe('arm64');
  expect(() => parseBuildSettings(rawBuildSettings(dir, { platforms: ['linux/amd64', 'linux/arm64'] }))).toThrow(
    /input platforms: linux\/amd64,linux\/arm64 names 2 platforms.*runner of that architecture.*actions\/merge/,
  );
});

test('the legacy builder still builds when asked for (engines without BuildKit), and refuses what needs BuildKit', async () => {
  const dir = contextDir({ Dockerfile: `FROM ${fleet.baseImage}\nRUN echo legacy-${run} > /l\n` });
  const log = new MemoryLogger();
  const result = await build(settings(dir, { labels: { a: 'b' } }), log, { builder: 'legacy' });
  expect(result.builder).toBe('legacy');
  expect(log.lines.some((l) => /^Step 2\/2 : RUN echo legacy-/.test(l))).toBe(true);
  expect((await docker.getImage(result.imageId).inspect()).Config.Labels).toMatchObject({ a: 'b' });
  const legacyLog = new MemoryLogger();
  await expect(
    buildImage(docker, settings(dir, { secrets: { x: 'y' } }), legacyLog, { env: { DOCKER_BUILDKIT: '0' } }),
  ).rejects.toThrow('build: secrets / secret-files need BuildKit, but DOCKER_BUILDKIT=0 asks for the legacy builder');
  const said = new MemoryLogger();
  const plain = await build(settings(dir), said, { env: { DOCKER_BUILDKIT: '0' } });
  expect(plain.builder).toBe('legacy');
  expect(said.lines.filter((l) => l.startsWith('building with the legacy builder'))).toEqual([
    'building with the legacy builder: DOCKER_BUILDKIT=0 asks for the legacy builder',
  ]);
});
