// actions/deploy's modes sync, retire, doctor and maintain, and the same four commands of the CLI,
// run from the bundle as the runner and a shell run them (inputs as INPUT_* variables, outputs in
// GITHUB_OUTPUT; exit codes). Needs the bundle: dist/ (`npm run bundle`), or the folder AVIARY_DIST
// names (e.g. AVIARY_BUNDLE_OUT=/tmp/d npm run bundle; AVIARY_DIST=/tmp/d).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startAction, startCli, startPost } from '../support/github-runner';
import { DeployFixture, HostRef } from '../support/deploy-fixture';
import { distDir } from '../support/secrets';

const fx = new DeployFixture('sg-act', 18950);
const bundled = fs.existsSync(path.join(distDir(), 'deploy/index.js')) && fs.existsSync(path.join(distDir(), 'cli.js'));
const maybe = bundled ? test : test.skip;
if (!bundled) console.warn(`skipping: no bundle at ${distDir()} (run \`npm run bundle\`, or set AVIARY_DIST)`);
let a: HostRef, b: HostRef, c: HostRef;
let v1: string;
const h7 = () => fx.fleet.hosts.find((x) => x.name === 'h7')!;

beforeAll(async () => {
  if (!bundled) return;
  [a, b, c] = [fx.host('h4'), fx.host('h5'), fx.host('h6')];
  await fx.clean([a, b, c, fx.host('h7')]);
  v1 = await fx.image('v1');
  fx.writeConfig({ web: [a.endpoint, b.endpoint] });
  expect((await fx.deploy(v1)).report.result).toBe('deployed');
  fx.writeConfig({
    web: [a.endpoint, b.endpoint, c.endpoint],
    remote: [{ name: 'h7', docker: h7().ssh!, address: h7().address }],
  });
}, 180_000);

afterAll(async () => {
  if (bundled) await fx.clean([a, b, c, fx.host('h7')]);
});

const config = () => path.join(fx.dir, 'aviary.yml');
const sshEnv = () => ({ AVIARY_SSH_KEY: fs.readFileSync(fx.fleet.ssh.key, 'utf8') });
const knownHosts = () => fx.fleet.ssh.knownHosts;

maybe(
  "mode: sync gives the joining host the group's version; outputs say so",
  async () => {
    const step = startAction('actions/deploy', {
      mode: 'sync',
      config: config(),
      groups: 'web',
      'report-file': path.join(fx.dir, 'sync.json'),
    });
    const r = await step.done;
    expect({ code: r.code, tail: r.text.slice(-600) }).toEqual({ code: 0, tail: expect.any(String) });
    expect(step.outputs()).toMatchObject({ result: 'synced', 'updated-hosts': expect.stringContaining('10.210.0.16') });
    expect(r.text).toMatch(/10\.210\.0\.16: gets it — runs nothing \(a new host\)/);
    expect(fs.readFileSync(step.files.summary, 'utf8')).toMatch(
      /^## aviary sync: synced[\s\S]*\| 10\.210\.0\.16 \| \*\*yes\*\* \| runs nothing \(a new host\) \|/,
    );
    expect(await fx.version(c)).toBe('v1');
    expect(JSON.parse(fs.readFileSync(path.join(fx.dir, 'sync.json'), 'utf8')).result).toBe('synced');
    // The post step was told the run finished: it has nothing to repair.
    expect(step.state()).toMatchObject({
      deployment: expect.stringMatching(/^\d{8}-\d{6}-[0-9a-f]{16}$/),
      done: 'true',
    });
    const post = await startPost(step).done;
    expect({ code: post.code, text: post.text }).toEqual({ code: 0, text: '' });
  },
  120_000,
);

maybe(
  'mode: doctor prints the table and sets result; the CLI exits 0',
  async () => {
    const step = startAction(
      'actions/deploy',
      { mode: 'doctor', config: config(), image: 'v1', 'ssh-known-hosts': knownHosts() },
      sshEnv(),
    );
    const r = await step.done;
    expect(r.code).toBe(0);
    expect(step.outputs().result).toBe('ok');
    expect(fs.readFileSync(step.files.summary, 'utf8')).toMatch(
      /^## aviary doctor: no check failed[\s\S]*\| host \| engine \| disk \| clock \| ports \| registry \| ssh \|/,
    );
    expect(r.text).toMatch(/h7 \(remote\)\n.*engine\s+ok\s+Docker/);
    const cli = await startCli(['doctor', '--config', config(), '--hosts', '10.210.0.14', 'v1']).done;
    expect({ code: cli.code }).toEqual({ code: 0 });
    expect(cli.text).toMatch(/ports\s+ok\s+18950 held by sg-act/);
  },
  120_000,
);

maybe(
  'mode: maintain stops at a failing host with its output, and fails the step; the CLI too',
  async () => {
    const step = startAction(
      'actions/deploy',
      {
        mode: 'maintain',
        config: config(),
        groups: 'remote',
        command: 'echo "no space left" >&2; exit 7',
        'ssh-known-hosts': knownHosts(),
      },
      sshEnv(),
    );
    const r = await step.done;
    expect({ code: r.code, text: r.text.slice(-1500) }).toEqual({
      code: 1,
      text: expect.stringContaining('maintenance stopped'),
    });
    expect(step.outputs().result).toBe('stopped');
    const summary = fs.readFileSync(step.files.summary, 'utf8');
    expect(summary).toMatch(/^## aviary maintain: stopped/);
    expect(summary).toMatch(/\| h7 \| 1 \| \*\*failed\*\* \| exit 7 after/);
    expect(r.text).toMatch(/::error::maintenance stopped at h7 .*exited with code 7/);
    expect(r.text).toContain('no space left');
    const cli = await startCli([
      'maintain',
      '--config',
      config(),
      '--groups',
      'remote',
      '--ssh-key',
      fx.fleet.ssh.key,
      '--ssh-known-hosts',
      knownHosts(),
      '--',
      'uname',
      '-s',
    ]).done;
    expect({ code: cli.code, text: cli.text.slice(-400) }).toEqual({
      code: 0,
      text: expect.stringContaining('maintain: done'),
    });
  },
  120_000,
);

maybe(
  'mode: maintain killed mid-command: the post step takes its lock back and frees it',
  async () => {
    const step = startAction(
      'actions/deploy',
      { mode: 'maintain', config: config(), groups: 'remote', command: 'sleep 20', 'ssh-known-hosts': knownHosts() },
      sshEnv(),
    );
    await step.reach(/h7: running `sleep 20`/);
    const lock = async () =>
      (await fx.host('h7').docker.listContainers({ all: true })).filter((c) =>
        c.Names.includes(`/aviary-lock.${fx.service}`),
      ).length;
    expect(await lock()).toBe(1);
    step.signal('SIGKILL');
    await step.done;
    expect(step.state().done).toBeUndefined();
    const post = await startPost(step, sshEnv()).done;
    expect({ code: post.code, text: post.text }).toEqual({
      code: 0,
      text: expect.stringContaining(`repairing what deployment ${step.state().deployment} left`),
    });
    expect(await lock()).toBe(0);
  },
  120_000,
);

maybe(
  'mode: retire needs hosts, then removes the service from them',
  async () => {
    const refused = startAction('actions/deploy', { mode: 'retire', config: config() });
    expect((await refused.done).code).toBe(1);
    expect((await refused.done).text).toMatch(/input hosts: empty/);
    const step = startAction('actions/deploy', { mode: 'retire', config: config(), hosts: '10.210.0.16' });
    const r = await step.done;
    expect(r.code).toBe(0);
    expect(step.outputs()).toMatchObject({ result: 'retired', 'updated-hosts': '10.210.0.16' });
    expect(await fx.containers(c)).toEqual([]);
    expect(await Promise.all([a, b].map((h) => fx.version(h)))).toEqual(['v1', 'v1']);
    const cli = await startCli(['sync', '--config', config(), '--groups', 'web', '--dry-run']).done;
    expect(cli.code).toBe(0);
    expect(cli.text).toMatch(/sync: planned/);
  },
  120_000,
);
