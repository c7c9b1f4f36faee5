// The pure parts of BuildKit builds and merges: default tags as docker/metadata-action makes them,
// the BuildKit inputs (secrets, ssh, cache, platforms), the build action's reading of them, the
// protobuf of BuildKit's progress turned into log lines, and the image index document.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

// @actions/core is ESM-only and jest cannot load it: stand in for getInput as GitHub feeds it (INPUT_<NAME>).
jest.mock(
  '@actions/core',
  () => ({
    getInput: (name: string) => process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '',
  }),
  { virtual: true },
);

import { readBuildInputs } from '../../src/actions/build/inputs';
import { secretFlags } from '../../src/commands/build';
import {
  parseBuildSettings,
  parseCacheFrom,
  parseCacheTo,
  parsePlatforms,
  parseSsh,
  RawBuildSettings,
} from '../../src/build/settings';
import { defaultBranchOf, metadataTags, semverOf } from '../../src/build/tags';
import { BuildKitTranscript, decodeStatus } from '../../src/build/trace';
import { lengthField, varintField } from '../../src/build/wire';
import { imageIndex, OCI_INDEX, SourceManifest } from '../../src/registry/image-index';
import { Problems } from '../../src/errors';
import { githubContext } from '../../src/github/context';
import { rawBuildSettings } from '../support/build-settings';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-build-buildkit-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
  fs.writeFileSync(path.join(dir, 'npmrc'), '//registry/:_authToken=abc\n');
  fs.writeFileSync(
    path.join(dir, 'id_test'),
    '-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----\n',
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const raw = (more: Partial<RawBuildSettings>): RawBuildSettings => rawBuildSettings(dir, more);

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    return (err as { problems?: string[] }).problems ?? [String(err)];
  }
  return [];
}

describe('default tags, as docker/metadata-action', () => {
  const sha = '0123456789abcdef0123456789abcdef01234567';
  const ctx = (ref: string) => githubContext({ GITHUB_SHA: sha, GITHUB_REF: ref });
  const on = { semverTags: true, latest: 'auto' as const, defaultBranch: 'main' };

  test.each([
    ['refs/tags/v1.2.3', on, ['sha-0123456', 'v1.2.3', '1.2.3', '1.2', '1']],
    ['refs/tags/1.2.3', on, ['sha-0123456', '1.2.3', '1.2', '1']],
    ['refs/tags/v1.2.3-rc.1', on, ['sha-0123456', 'v1.2.3-rc.1', '1.2.3-rc.1']],
    ['refs/tags/v0.4.1', on, ['sha-0123456', 'v0.4.1', '0.4.1', '0.4']],
    ['refs/tags/v1.2', on, ['sha-0123456', 'v1.2']],
    ['refs/tags/v1.2.3', { ...on, semverTags: false }, ['sha-0123456', 'v1.2.3']],
    ['refs/heads/main', on, ['sha-0123456', 'main', 'latest']],
    ['refs/heads/feature/x', on, ['sha-0123456', 'feature-x']],
    ['refs/heads/main', { ...on, latest: 'false' as const }, ['sha-0123456', 'main']],
    ['refs/heads/feature/x', { ...on, latest: 'true' as const }, ['sha-0123456', 'feature-x', 'latest']],
    ['refs/heads/main', { ...on, defaultBranch: undefined }, ['sha-0123456', 'main']],
    ['refs/pull/12/merge', on, ['sha-0123456', 'pr-12']],
  ])('%s %j → %j', (ref, rules, tags) => {
    expect(metadataTags('reg/acme/web', ctx(ref), rules)).toEqual(tags.map((t) => `reg/acme/web:${t}`));
  });

  test('semverOf ignores what is not a semver tag', () => {
    expect(semverOf('refs/heads/v1.2.3')).toBeUndefined();
    expect(semverOf('refs/tags/v01.2.3')).toBeUndefined();
    expect(semverOf('refs/tags/v1.2.3+build.5')).toEqual({ major: '1', minor: '2', patch: '3', prerelease: undefined });
  });

  test('the default branch comes from the event payload', () => {
    const event = path.join(dir, 'event.json');
    fs.writeFileSync(event, JSON.stringify({ repository: { default_branch: 'trunk' } }));
    expect(defaultBranchOf({ GITHUB_EVENT_PATH: event })).toBe('trunk');
    expect(defaultBranchOf({ GITHUB_EVENT_PATH: path.join(dir, 'missing.json') })).toBeUndefined();
    expect(defaultBranchOf({})).toBeUndefined();
  });
});

describe('BuildKit settings', () => {
  test('secrets and secret-files: one id → value record; a file is read at once', () => {
    const s = parseBuildSettings(
      raw({ secrets: ['token=a=b,c', 'other=x'], secretFiles: [`npmrc=${path.join(dir, 'npmrc')}`] }),
    );
    expect(s.secrets).toEqual({ token: 'a=b,c', other: 'x', npmrc: '//registry/:_authToken=abc\n' });
  });

  test('a bad secret line is reported by its position, never with its value', () => {
    const problems = problemsOf(() =>
      parseBuildSettings(
        raw({ secrets: ['no-equals-hunter2', 'bad id=hunter2'], secretFiles: ['npmrc=/nope/file', 'justapath'] }),
      ),
    );
    expect(problems).toEqual([
      'input secrets: line 1 is not id=value (an id of letters, digits, _ . -, then =, then the secret; the value is not shown)',
      'input secrets: line 2 is not id=value (an id of letters, digits, _ . -, then =, then the secret; the value is not shown)',
      'input secret-files: "npmrc=/nope/file" is not a readable file (ENOENT at /nope/file)',
      'input secret-files: "justapath" is not id=path (an id of letters, digits, _ . -, then =, then the path of the file holding the secret)',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  test('ssh: key files, an agent socket, default from $SSH_AUTH_SOCK', async () => {
    const sock = path.join(dir, 'agent.sock');
    const server = net.createServer().listen(sock);
    await new Promise((r) => server.once('listening', r));
    try {
      const problems = new Problems();
      const ssh = parseSsh(
        [`default=${path.join(dir, 'id_test')}`, `github=${sock}`, 'agent'],
        'input ssh',
        problems,
        dir,
        { SSH_AUTH_SOCK: sock },
      );
      expect(problems.list).toEqual([]);
      expect(ssh.default.keys?.[0].toString()).toContain('OPENSSH PRIVATE KEY');
      expect(ssh.github).toEqual({ socket: sock });
      expect(ssh.agent).toEqual({ socket: sock });
      const bad = new Problems();
      parseSsh(['default', `x=${path.join(dir, 'Dockerfile')}`, 'y=/nope', 'a b'], 'input ssh', bad, dir, {});
      expect(bad.list).toEqual([
        'input ssh: "default" is not an SSH agent: default without a path uses $SSH_AUTH_SOCK, which is not set (start one, or give default=/path/to/private_key)',
        `input ssh: "x=${path.join(dir, 'Dockerfile')}" is not a private key file (PEM or OpenSSH format) or an agent socket (${path.join(dir, 'Dockerfile')} is neither)`,
        'input ssh: "y=/nope" is not an existing agent socket or private key file (/nope does not exist)',
        'input ssh: "a b" is not default, default=/path/to/agent.sock or id=/path/to/private_key',
      ]);
    } finally {
      server.close();
    }
  });

  test('cache-from: registry refs in both forms; buildx-only types refused with the way out', () => {
    const problems = new Problems();
    expect(
      parseCacheFrom(
        ['type=registry,ref=reg/acme/web:cache', 'reg/acme/web:latest', 'ref=reg/x:1'],
        'input cache-from',
        problems,
      ),
    ).toEqual(['reg/acme/web:cache', 'reg/acme/web:latest', 'reg/x:1']);
    expect(problems.list).toEqual([]);
    parseCacheFrom(
      ['type=gha', 'type=local,src=/tmp/c', 'type=registry', 'Bad:Ref', 'type=weird'],
      'input cache-from',
      problems,
    );
    expect(problems.list[0]).toBe(
      'input cache-from: "type=gha" is not a cache the engine\'s BuildKit can import: type=gha needs a buildx builder (docker buildx create --driver docker-container); here use type=registry,ref=<image> (an image pushed with cache-to: type=inline)',
    );
    expect(problems.list[1]).toMatch(
      /^input cache-from: "type=local,src=\/tmp\/c" .*type=local needs a buildx builder/,
    );
    expect(problems.list[2]).toBe(
      'input cache-from: "type=registry" is not type=registry,ref=<image> (ref=<image> is missing)',
    );
    expect(problems.list[3]).toMatch(
      /^input cache-from: "Bad:Ref" is not an image reference or type=registry,ref=<image>/,
    );
    expect(problems.list[4]).toBe(
      'input cache-from: "type=weird" is not type=registry,ref=<image>, or a plain image reference',
    );
  });

  test('cache-to: only inline; registry and the others need buildx', () => {
    const problems = new Problems();
    expect(parseCacheTo(['type=inline'], 'input cache-to', problems)).toBe('inline');
    expect(parseCacheTo([], 'input cache-to', problems)).toBeUndefined();
    parseCacheTo(['type=registry,ref=reg/a:cache,mode=max', 'type=s3'], 'input cache-to', problems);
    expect(problems.list).toHaveLength(2);
    expect(problems.list[0]).toMatch(
      /^input cache-to: "type=registry,ref=reg\/a:cache,mode=max" is not a cache export the engine can write: type=registry needs a buildx builder .*here use type=inline/,
    );
  });

  test('platforms: one; more are refused, saying how to build them', () => {
    const problems = new Problems();
    expect(parsePlatforms(['linux/arm64/v8'], 'input platforms', problems)).toBe('linux/arm64/v8');
    expect(parsePlatforms([], 'input platforms', problems)).toBeUndefined();
    parsePlatforms(['linux/amd64', 'Linux/ARM'], 'input platforms', problems);
    expect(problems.list).toEqual([
      'input platforms: "Linux/ARM" is not a platform like linux/amd64 or linux/arm64/v8',
      'input platforms: linux/amd64,Linux/ARM names 2 platforms, but the engine builds one at a time: build each platform on a runner of that architecture (platforms: one of them, pushed by digest), then join the pushed digests into one multi-platform image with actions/merge (aviary merge)',
    ]);
  });

  test('latest must be auto, true or false', () => {
    expect(problemsOf(() => parseBuildSettings(raw({ latest: 'sometimes' })))).toEqual([
      'input latest: "sometimes" is not auto (tag latest on the default branch), true or false',
    ]);
  });
});

describe('the build action reads its BuildKit inputs', () => {
  const NAMES = [
    'context',
    'secrets',
    'secret-files',
    'ssh',
    'cache-from',
    'cache-to',
    'platforms',
    'semver-tags',
    'latest',
  ];
  function read(values: Record<string, string>): ReturnType<typeof readBuildInputs> {
    const saved = { ...process.env };
    for (const n of NAMES) delete process.env[`INPUT_${n.toUpperCase()}`];
    for (const [k, v] of Object.entries({ context: dir, ...values })) process.env[`INPUT_${k.toUpperCase()}`] = v;
    try {
      return readBuildInputs();
    } finally {
      process.env = saved;
    }
  }

  test('secrets split on lines only (values keep their commas); lists for the rest', () => {
    const s = read({
      secrets: 'a=1,2\nb=x',
      'cache-from': 'type=registry,ref=reg/a:c',
      'cache-to': 'type=inline',
      platforms: 'linux/arm64',
      'semver-tags': 'false',
      latest: 'true',
    });
    expect(s.secrets).toEqual({ a: '1,2', b: 'x' });
    expect(s.cacheFrom).toEqual(['reg/a:c']);
    expect(s.cacheTo).toBe('inline');
    expect(s.platform).toBe('linux/arm64');
    expect(s.semverTags).toBe(false);
    expect(s.latest).toBe('true');
  });

  test("every problem at once, with the shared inputs' problems", () => {
    const problems = problemsOf(() =>
      read({ 'semver-tags': 'maybe', platforms: 'linux/amd64,linux/arm64', 'cache-to': 'type=gha' }),
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe('input semver-tags: "maybe" is not true or false');
  });
});

test('aviary build --secret: id=ID,src=PATH or id=ID,env=VAR; never a value on the command line', () => {
  expect(secretFlags(['id=a,src=/run/a', 'id=b,env=TOKEN'], { TOKEN: 'v' })).toEqual({
    secrets: ['b=v'],
    secretFiles: ['a=/run/a'],
  });
  expect(() => secretFlags(['id=a'], {})).toThrow('--secret: "id=a" is not id=ID,src=PATH or id=ID,env=VARIABLE');
  expect(() => secretFlags(['id=b,env=NOPE'], {})).toThrow(
    '--secret id=b,env=NOPE: the environment variable NOPE is not set',
  );
});

describe('BuildKit progress', () => {
  const ts = (ms: number) => Buffer.concat([varintField(1, Math.floor(ms / 1000)), varintField(2, (ms % 1000) * 1e6)]);
  const vertex = (
    digest: string,
    name: string,
    o: { started?: number; completed?: number; cached?: boolean; error?: string },
  ) =>
    lengthField(
      1,
      Buffer.concat([
        lengthField(1, digest),
        lengthField(3, name),
        varintField(4, o.cached ? 1 : 0),
        ...(o.started ? [lengthField(5, ts(o.started))] : []),
        ...(o.completed ? [lengthField(6, ts(o.completed))] : []),
        lengthField(7, o.error ?? ''),
      ]),
    );
  const logLine = (digest: string, text: string, stream = 1) =>
    lengthField(3, Buffer.concat([lengthField(1, digest), varintField(3, stream), lengthField(4, text)]));
  const trace = (...parts: Buffer[]) =>
    ({ id: 'moby.buildkit.trace', aux: Buffer.concat(parts).toString('base64') }) as never;

  test('decodes vertexes and logs', () => {
    const status = decodeStatus(
      Buffer.concat([
        vertex('sha256:a', '[1/2] RUN x', { started: 1_700_000_000_250, completed: 1_700_000_001_500 }),
        logLine('sha256:a', 'out\n', 2),
      ]).toString('base64'),
    );
    expect(status).toEqual({
      vertexes: [
        {
          digest: 'sha256:a',
          name: '[1/2] RUN x',
          cached: false,
          started: 1_700_000_000_250,
          completed: 1_700_000_001_500,
          error: undefined,
        },
      ],
      logs: [{ vertex: 'sha256:a', stream: 2, msg: Buffer.from('out\n') }],
    });
  });

  test('a line per step start and finish, the output between, internal steps at debug level, the failure with its last lines', () => {
    const lines: string[] = [];
    const debug: string[] = [];
    const t = new BuildKitTranscript(
      (l) => lines.push(l),
      (l) => debug.push(l),
    );
    t.take(trace(vertex('i', '[internal] load build definition from Dockerfile', { started: 1000, completed: 1010 })));
    t.take(trace(vertex('a', '[2/3] RUN make', { started: 2000 })));
    t.take(trace(logLine('a', 'compil'), logLine('a', 'ing\r50%\r100%\nwarn: x\n', 2)));
    t.take(trace(logLine('a', 'ing\n')));
    t.take(trace(vertex('a', '[2/3] RUN make', { started: 2000, completed: 3500 })));
    t.take(trace(vertex('b', '[1/3] FROM base', { started: 1500, completed: 1500, cached: true })));
    t.take(trace(vertex('c', '[3/3] RUN test', { started: 4000 }), logLine('c', 'one\ntwo\nthree')));
    t.take(trace(vertex('c', '[3/3] RUN test', { started: 4000, completed: 4100, error: 'exit code: 1' })));
    t.take({ errorDetail: { message: 'executor failed running [/bin/sh -c test]: exit code: 1' } } as never);
    t.take({ stream: 'Successfully tagged x\n' } as never);
    t.finish();
    expect(lines).toEqual([
      '#2 [2/3] RUN make',
      '#2 100%',
      '#2 warn: x',
      '#2 compiling',
      '#2 [2/3] RUN make: done in 1.5s',
      '#3 [1/3] FROM base: cached',
      '#4 [3/3] RUN test',
      '#4 one',
      '#4 two',
      '#4 three',
      '#4 [3/3] RUN test: failed: exit code: 1',
      'Successfully tagged x',
    ]);
    expect(debug).toEqual(['#1 [internal] load build definition from Dockerfile: done in 10ms']);
    expect(t.failure(2).message).toBe(
      'build failed at "[3/3] RUN test": executor failed running [/bin/sh -c test]: exit code: 1\nlast output lines:\n  two\n  three',
    );
    t.take({ id: 'moby.image.id', aux: { ID: 'sha256:abc' } } as never);
    expect(t.imageId).toBe('sha256:abc');
  });
});

describe('the image index document', () => {
  const source = (digest: string, arch: string, variant?: string): SourceManifest => ({
    ref: { registry: 'reg', repository: 'acme/web', digest },
    descriptor: {
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      digest,
      size: 500,
      platform: { os: 'linux', architecture: arch, ...(variant ? { variant } : {}) },
    },
    body: Buffer.from('{}'),
    blobs: [],
  });

  test('one descriptor per image, in the order given; the same image twice once', () => {
    const index = JSON.parse(
      imageIndex([
        source('sha256:1', 'amd64'),
        source('sha256:2', 'arm64', 'v8'),
        source('sha256:1', 'amd64'),
      ]).toString(),
    );
    expect(index).toEqual({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        {
          mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          digest: 'sha256:1',
          size: 500,
          platform: { os: 'linux', architecture: 'amd64' },
        },
        {
          mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          digest: 'sha256:2',
          size: 500,
          platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
        },
      ],
    });
  });

  test('two images of one platform are refused', () => {
    expect(() => imageIndex([source('sha256:1', 'amd64'), source('sha256:3', 'amd64')])).toThrow(
      'merge: two sources are both linux/amd64 (sha256:1 and sha256:3): give one image per platform',
    );
    expect(() => imageIndex([source('sha256:1', 'arm', 'v6'), source('sha256:3', 'arm', 'v7')])).not.toThrow();
  });
});
