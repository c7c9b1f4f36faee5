// The build and push actions run as GitHub runs them: `node dist/<action>/index.js` with INPUT_*
// variables and GITHUB_OUTPUT pointing at a file; checks the outputs written there.
// Needs the bundle (the lead builds dist/; AVIARY_DIST may point at another bundle folder).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { MANIFEST_ACCEPT } from '../../src/registry/client';
import { loadFleet } from '../support/fleet';
import { readOutputs } from '../support/secrets';

const DIST = path.resolve(__dirname, '../..', process.env.AVIARY_DIST ?? 'dist');
const bundled = fs.existsSync(path.join(DIST, 'index.js'));
if (!bundled) {
  console.warn(`skipping the action runs: no bundle at ${DIST}/index.js (run \`npm run bundle\`, or set AVIARY_DIST)`);
}

/** What the runner would show: it consumes the ::add-mask:: commands instead of printing them. */
function shown(run: ActionRun): string {
  return (run.stdout + run.stderr)
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}

interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

function runAction(name: string, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aviary-action-${name}-`));
  const outputFile = path.join(dir, 'output');
  fs.writeFileSync(outputFile, '');
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  const childEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: dir,
    ...inputEnv,
    ...env,
  };
  return new Promise((resolve) => {
    execFile(
      'node',
      [path.join(DIST, name, 'index.js')],
      { env: childEnv, cwd: path.resolve(__dirname, '../..') },
      (err, stdout, stderr) => {
        const outputs = readOutputs(fs.readFileSync(outputFile, 'utf8'));
        fs.rmSync(dir, { recursive: true, force: true });
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr, outputs });
      },
    );
  });
}

function registryDigest(
  registry: string,
  repository: string,
  tag: string,
  auth: { username: string; password: string },
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `http://${registry}/v2/${repository}/manifests/${tag}`,
      {
        method: 'HEAD',
        headers: {
          accept: MANIFEST_ACCEPT,
          authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200 ? String(res.headers['docker-content-digest']) : undefined);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

(bundled ? describe : describe.skip)('actions/build then actions/push, as GitHub runs them', () => {
  const fleet = bundled ? loadFleet() : undefined!;
  const docker = new Docker({ socketPath: '/var/run/docker.sock' });
  const run = randomBytes(3).toString('hex');
  const github = {
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/aviary-actions-test',
    GITHUB_SHA: `${run}0000000000000000000000000000000000`.slice(0, 40),
    GITHUB_REF: 'refs/tags/v9.8.7',
  };
  const image = () => `${fleet.registry.auth}/test-push/actions-${run}`;
  let tags: string[] = [];

  afterAll(async () => {
    for (const tag of tags)
      await docker
        .getImage(tag)
        .remove({ force: true })
        .catch(() => undefined);
  });

  test('build: default tags from GITHUB_*, outputs imageid, tags and metadata', async () => {
    const result = await runAction(
      'build',
      {
        context: 'examples/app',
        image: image(),
        'build-args': `BASE=${fleet.baseImage}\nVERSION=v9.8.7`,
        labels: 'org.example.team=web',
      },
      github,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('::group::Build');
    tags = result.outputs.tags.split('\n');
    // Like docker/metadata-action: a v1.2.3 tag also gives 1.2.3, 1.2 and 1.
    expect(tags).toEqual([
      `${image()}:sha-${github.GITHUB_SHA.slice(0, 7)}`,
      `${image()}:v9.8.7`,
      `${image()}:9.8.7`,
      `${image()}:9.8`,
      `${image()}:9`,
    ]);
    expect(result.outputs.imageid).toMatch(/^sha256:[0-9a-f]{64}$/);
    const metadata = JSON.parse(result.outputs.metadata);
    expect(metadata).toMatchObject({
      imageid: result.outputs.imageid,
      tags,
      labels: { 'org.example.team': 'web', 'org.opencontainers.image.revision': github.GITHUB_SHA },
    });
  });

  test('push: digest and image outputs; the password never printed', async () => {
    const { username, password } = fleet.registry;
    const result = await runAction('push', { tags: tags.join('\n'), username, password });
    expect(result.code).toBe(0);
    const digest = await registryDigest(fleet.registry.auth, `test-push/actions-${run}`, `v9.8.7`, {
      username,
      password,
    });
    expect(result.outputs.digest).toBe(digest);
    expect(result.outputs.image).toBe(`${image()}@${digest}`);
    expect(result.stdout).toContain(`::add-mask::${password}`);
    expect(shown(result)).not.toContain(password);
  });

  test('push with a wrong password: the step fails with a clear message and no password', async () => {
    const wrong = `wrong-${randomBytes(6).toString('hex')}`;
    const result = await runAction('push', {
      tags: tags[0],
      username: fleet.registry.username,
      password: wrong,
      retries: '0',
    });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(/::error::push .* refused user/);
    expect(result.stdout).toContain(`::add-mask::${wrong}`);
    expect(shown(result) + JSON.stringify(result.outputs)).not.toContain(wrong);
  });

  test('the aviary command from the bundle: build, then push with --password-stdin', async () => {
    const { username, password } = fleet.registry;
    const tag = `${image()}:cli`;
    tags.push(tag);
    const cli = (args: string[], stdin = '') =>
      new Promise<{ code: number; out: string }>((resolve) => {
        const child = spawn('node', [path.join(DIST, 'cli.js'), ...args], {
          cwd: path.resolve(__dirname, '../..'),
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root' },
        });
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
        });
        child.stderr.on('data', (d) => {
          out += d;
        });
        child.on('close', (code) => resolve({ code: code ?? 1, out }));
        child.stdin.end(stdin);
      });
    const built = await cli(['build', '--build-arg', `BASE=${fleet.baseImage}`, '--tag', tag, 'examples/app']);
    expect(built.code).toBe(0);
    expect(built.out).toMatch(/^imageid=sha256:[0-9a-f]{64}$/m);
    const pushed = await cli(['push', '--username', username, '--password-stdin', tag], `${password}\n`);
    expect(pushed.code).toBe(0);
    const digest = await registryDigest(fleet.registry.auth, `test-push/actions-${run}`, 'cli', { username, password });
    expect(pushed.out).toContain(`digest=${digest}\nimage=${image()}@${digest}`);
    expect(pushed.out).not.toContain(password);
  });

  test('an invalid input fails fast, naming it', async () => {
    const result = await runAction('build', { context: 'examples/app', 'build-args': 'NOPE', pull: 'maybe' });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('input build-args: "NOPE" is not NAME=value');
    expect(result.stdout).toContain('input pull: "maybe" is not true or false');
  });
});
