// The build action's inputs and the pure parts of a build: settings validation, default tags,
// OCI labels, the context filter. Every invalid input must fail fast, naming input and expectation.
import * as fs from 'node:fs';
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
import { BuildTranscript, dockerfileWord, labelDockerfile, planTagsAndLabels } from '../../src/build/build';
import { contextFilter } from '../../src/build/context';
import { readProgress } from '../../src/build/progress';
import { PassThrough } from 'node:stream';
import { parseBuildSettings, splitAssignments } from '../../src/build/settings';
import { InputError } from '../../src/errors';
import { defaultTags, githubContext, ociLabels, refTag, sanitizeTag } from '../../src/github/context';
import { withInputs as withInputsOf } from '../support/action-inputs';
import { rawBuildSettings } from '../support/build-settings';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-build-inputs-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
  fs.mkdirSync(path.join(dir, 'docker'));
  fs.writeFileSync(path.join(dir, 'docker', 'prod.Dockerfile'), 'FROM scratch\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const INPUTS = ['context', 'file', 'tags', 'image', 'labels', 'build-args', 'target', 'pull', 'no-cache'];
function withInputs<T>(values: Record<string, string>, fn: () => T): T {
  return withInputsOf(INPUTS, values, fn);
}

function inputError(values: Record<string, string>): InputError {
  let caught: unknown;
  withInputs({ context: dir, ...values }, () => {
    try {
      readBuildInputs();
    } catch (err) {
      caught = err;
    }
  });
  expect(caught).toBeInstanceOf(InputError);
  return caught as InputError;
}

describe('build action inputs', () => {
  test('defaults: context ., Dockerfile in the context, no tags, no pull, cache used', () => {
    withInputs({ context: dir }, () => {
      const s = readBuildInputs();
      expect(s).toMatchObject({
        context: dir,
        file: path.join(dir, 'Dockerfile'),
        tags: [],
        labels: {},
        buildArgs: {},
        pull: false,
        noCache: false,
      });
      expect(s.target).toBeUndefined();
    });
  });

  test('lists: newline- or comma-separated; build-args and labels keep commas inside values', () => {
    withInputs(
      {
        context: dir,
        file: path.join(dir, 'docker/prod.Dockerfile'),
        tags: 'reg.example.com/a/web:1.2, reg.example.com/a/web:latest\nreg.example.com/a/web',
        'build-args': 'VERSION=v1,BASE=busybox:1.36\nLIST=a,b,c\nEMPTY=',
        labels: 'org.example.team=web, org.example.note=x=y',
        target: 'runtime',
        pull: 'true',
        'no-cache': 'yes',
      },
      () => {
        const s = readBuildInputs();
        expect(s.tags).toEqual([
          'reg.example.com/a/web:1.2',
          'reg.example.com/a/web:latest',
          'reg.example.com/a/web:latest',
        ]);
        expect(s.buildArgs).toEqual({ VERSION: 'v1', BASE: 'busybox:1.36', LIST: 'a,b,c', EMPTY: '' });
        expect(s.labels).toEqual({ 'org.example.team': 'web', 'org.example.note': 'x=y' });
        expect(s).toMatchObject({
          file: path.join(dir, 'docker/prod.Dockerfile'),
          target: 'runtime',
          pull: true,
          noCache: true,
        });
      },
    );
  });

  test.each([
    [{ 'build-args': 'VERSION' }, 'input build-args: "VERSION" is not NAME=value'],
    [{ 'build-args': '=v1' }, 'input build-args: "=v1" is not NAME=value'],
    [{ 'build-args': 'MY ARG=1' }, 'input build-args: "MY ARG=1" is not NAME=value'],
    [{ labels: 'no-equals-sign' }, 'input labels: "no-equals-sign" is not key=value'],
    [
      { tags: 'Acme/Web:1' },
      'input tags: "Acme/Web:1" is not an image tag like registry.example.com/acme/web:1.2 (the repository "Acme/Web" must be lowercase)',
    ],
    [
      { tags: 'acme/web:with space' },
      'input tags: "acme/web:with space" is not an image tag like registry.example.com/acme/web:1.2 (it contains whitespace)',
    ],
    [{ tags: 'acme/web:' }, "(the tag after ':' is empty)"],
    [{ tags: 'acme/web:-x' }, 'the tag "-x" may only hold letters, digits, _ . -'],
    [{ tags: 'acme/web@sha256:' + 'a'.repeat(64) }, 'a digest (@sha256:…) cannot be used here'],
    [{ pull: 'maybe' }, 'input pull: "maybe" is not true or false'],
    [{ 'no-cache': '2' }, 'input no-cache: "2" is not true or false'],
    [{ context: '/nonexistent/aviary' }, 'input context: "/nonexistent/aviary" is not an existing folder'],
    [{ file: 'missing.Dockerfile' }, 'input file: "missing.Dockerfile" is not an existing Dockerfile'],
    [{ image: 'acme/web:1.0' }, 'input image: "acme/web:1.0" is not a repository without a tag'],
    [{ image: 'ACME/web' }, 'input image: "ACME/web" is not a repository like registry.example.com/acme/web'],
    [{ target: 'bad target' }, 'input target: "bad target" is not the name of a build stage'],
  ])('%j fails with a message naming the input', (values, expected) => {
    expect(inputError(values).message).toContain(expected);
  });

  test('every problem is reported at once', () => {
    const err = inputError({ 'build-args': 'A', tags: 'X:1', pull: 'maybe' });
    expect(err.problems).toHaveLength(3);
    expect(err.message).toMatch(/^3 problems:/);
  });
});

describe('parseBuildSettings with CLI names', () => {
  const raw = rawBuildSettings('');
  test('a relative context resolves against cwd', () => {
    const s = parseBuildSettings({ ...raw, context: '.' }, undefined, dir);
    expect(s.context).toBe(dir);
  });
  test('problems name the flag', () => {
    const names = {
      context: 'CONTEXT',
      file: '--file',
      tags: '--tag',
      image: '--image',
      labels: '--label',
      buildArgs: '--build-arg',
      target: '--target',
      pull: '--pull',
      noCache: '--no-cache',
    };
    expect(() => parseBuildSettings({ ...raw, context: dir, buildArgs: ['oops'] }, names)).toThrow(
      '--build-arg: "oops" is not NAME=value',
    );
  });
});

test.each([
  ['A=1,B=2', ['A=1', 'B=2']],
  ['A=1, B=2\n\nC=3', ['A=1', 'B=2', 'C=3']],
  ['LIST=a,b', ['LIST=a,b']],
  ['A=1,oops', ['A=1,oops']],
  ['  ', []],
])('splitAssignments(%j)', (text, items) => {
  expect(splitAssignments(text)).toEqual(items);
});

describe('GitHub context → default tags and OCI labels', () => {
  const env = {
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/web',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '42',
  };
  test('OCI labels from GITHUB_*', () => {
    const labels = ociLabels(githubContext(env), new Date('2026-01-02T03:04:05Z'));
    expect(labels).toEqual({
      'org.opencontainers.image.source': 'https://github.com/acme/web',
      'org.opencontainers.image.revision': env.GITHUB_SHA,
      'org.opencontainers.image.created': '2026-01-02T03:04:05.000Z',
    });
  });
  test('outside GitHub only the creation time', () => {
    expect(Object.keys(ociLabels(githubContext({}), new Date()))).toEqual(['org.opencontainers.image.created']);
  });
  test.each([
    ['refs/heads/main', 'main'],
    ['refs/heads/feature/Login_v2', 'feature-Login_v2'],
    ['refs/heads/.hidden', 'hidden'],
    ['refs/tags/v1.2.3', 'v1.2.3'],
    ['refs/pull/12/merge', 'pr-12'],
    ['refs/heads/' + 'x'.repeat(200), 'x'.repeat(128)],
  ])('ref %s → tag %s', (ref, tag) => {
    expect(refTag({ ref })).toBe(tag);
  });
  test('default tags: sha-<7> plus the ref', () => {
    expect(defaultTags('reg/acme/web', githubContext(env))).toEqual(['reg/acme/web:sha-0123456', 'reg/acme/web:main']);
    expect(defaultTags('reg/acme/web', githubContext({ ...env, GITHUB_REF: 'refs/tags/v1.2.3' }))).toEqual([
      'reg/acme/web:sha-0123456',
      'reg/acme/web:v1.2.3',
    ]);
  });
  test('sanitizeTag only ever yields valid tags', () => {
    for (const s of ['a/b', 'ä', '...x', '-y', 'ok_1.2-3'])
      expect(sanitizeTag(s)).toMatch(/^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/);
  });
  test('planTagsAndLabels: explicit tags win, user labels override OCI ones, no sha → an input error', () => {
    const base = {
      context: dir,
      file: '',
      tags: [],
      labels: { 'org.opencontainers.image.source': 'mine' },
      buildArgs: {},
      pull: false,
      noCache: false,
    };
    const now = new Date();
    const plan = planTagsAndLabels({ ...base, image: 'reg/acme/web' }, githubContext(env), now);
    expect(plan.tags).toEqual(['reg/acme/web:sha-0123456', 'reg/acme/web:main']);
    expect(plan.labels['org.opencontainers.image.source']).toBe('mine');
    expect(planTagsAndLabels({ ...base, tags: ['x:1'], image: 'reg/acme/web' }, githubContext(env), now).tags).toEqual([
      'x:1',
    ]);
    expect(planTagsAndLabels(base, githubContext(env), now).tags).toEqual([]);
    expect(() => planTagsAndLabels({ ...base, image: 'reg/acme/web' }, githubContext({}), now)).toThrow(
      /GITHUB_SHA and GITHUB_REF are not set/,
    );
  });
});

describe('.dockerignore filter', () => {
  test('patterns, exceptions, and the Dockerfile and .dockerignore always sent', () => {
    const out = contextFilter(['*.md', 'secrets/', '!KEEP.md', 'Dockerfile', '.dockerignore'], 'Dockerfile');
    expect(out('README.md')).toBe(true);
    expect(out('KEEP.md')).toBe(false);
    expect(out('docs/README.md')).toBe(false);
    expect(out('secrets')).toBe(true);
    expect(out('secrets/key')).toBe(true);
    expect(out('Dockerfile')).toBe(false);
    expect(out('.dockerignore')).toBe(false);
    expect(out('www/index.html')).toBe(false);
  });
});

describe('the labelling Dockerfile', () => {
  test.each([
    ['plain', "'plain'"],
    ['with space $HOME \\', "'with space $HOME \\'"],
    [`it's "x" $y \\`, `"it's \\"x\\" \\$y \\\\"`],
  ])('%s is quoted as %s', (text, word) => {
    expect(dockerfileWord(text)).toBe(word);
  });
  test('one LABEL instruction for every label; none without labels', () => {
    expect(labelDockerfile('sha256:abc', { a: '1', 'org.x.y': 'z' })).toBe(
      "FROM sha256:abc\nLABEL 'a'='1' 'org.x.y'='z'\n",
    );
    expect(labelDockerfile('sha256:abc', {})).toBe('FROM sha256:abc\n');
  });
  test('a line break cannot be in a label', () => {
    expect(() => dockerfileWord('a\nb')).toThrow(InputError);
  });
});

describe('the build output', () => {
  test('lines split across chunks, progress bars, colours; the failing step and its last lines', () => {
    const lines: string[] = [];
    const t = new BuildTranscript((l) => lines.push(l));
    for (const stream of [
      'Step 1/3 : FROM base\n',
      ' ---> abc\n',
      'Step 2/3 : RUN make\n',
      ' ---> Running in 1234\n',
      'compil',
      'ing x\n',
      '10%\r50%\r100%\n',
      '\x1b[91mwarning: y\n\x1b[0m',
      'no newline at the end',
    ])
      t.take({ stream });
    t.take({
      errorDetail: { code: 2, message: "The command '/bin/sh -c make' returned a non-zero code: 2" },
      error: 'ignored',
    });
    t.flush();
    expect(lines).toEqual([
      'Step 1/3 : FROM base',
      ' ---> abc',
      'Step 2/3 : RUN make',
      ' ---> Running in 1234',
      'compiling x',
      '100%',
      'warning: y',
      'no newline at the end',
    ]);
    const err = t.failure(3);
    expect(err.message).toBe(
      'build failed at "Step 2/3 : RUN make": The command \'/bin/sh -c make\' returned a non-zero code: 2\n' +
        'last output lines:\n  100%\n  warning: y\n  no newline at the end',
    );
  });
  test('pull progress: state changes only; the image id from aux', () => {
    const lines: string[] = [];
    const t = new BuildTranscript((l) => lines.push(l));
    t.take({ status: 'Pulling fs layer', id: 'a1' });
    t.take({ status: 'Downloading', id: 'a1', progressDetail: { current: 10, total: 100 }, progress: '[=>  ]' });
    t.take({ status: 'Download complete', id: 'a1', progressDetail: {} });
    t.take({ aux: { ID: 'sha256:abc' } });
    expect(lines).toEqual(['a1: Pulling fs layer', 'a1: Download complete']);
    expect(t.imageId).toBe('sha256:abc');
  });
});

describe("the engine's progress stream", () => {
  test('JSON messages split anywhere across chunks', async () => {
    const stream = new PassThrough();
    const seen: unknown[] = [];
    const done = readProgress(stream, (m) => seen.push(m));
    stream.write('{"stream":"Step 1/2 : FROM x\\n"}\r\n{"str');
    stream.write('eam":"a"}\n{"aux":{"ID":"sha256:1"}}');
    stream.end();
    await done;
    expect(seen).toEqual([{ stream: 'Step 1/2 : FROM x\n' }, { stream: 'a' }, { aux: { ID: 'sha256:1' } }]);
  });
  test('a connection that closes before the end is a dropped connection', async () => {
    const stream = new PassThrough();
    const done = readProgress(stream, () => undefined);
    stream.write('{"status":"Pushing"}\n');
    stream.destroy();
    await expect(done).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
