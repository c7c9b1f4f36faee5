// doctor on real hosts (an SSH host and a plain tcp one): every check against the real engine,
// registry and sshd — and what each failure looks like: a port held by another container, an
// image the registry does not have, an SSH host key that is not the known one. It changes nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeploySettings } from '../../src/deploy';
import { MemoryLogger } from '../support/memory-logger';
import { doctor, renderDoctor } from '../../src/doctor/doctor';
import { DeployFixture, HostRef, pull } from '../support/deploy-fixture';

const fx = new DeployFixture('sg-doc', 18930);
let h3: HostRef, h5: HostRef;
let v1: string;
const ssh = (knownHosts = fx.fleet.ssh.knownHosts) => ({
  key: fs.readFileSync(fx.fleet.ssh.key, 'utf8'),
  knownHosts: fs.readFileSync(knownHosts, 'utf8'),
  hostKeyCheck: true,
});
const settings = (extra: Partial<DeploySettings> = {}): DeploySettings => ({
  configPath: path.join(fx.dir, 'aviary.yml'),
  overrides: {},
  dryRun: true,
  forceUnlock: false,
  registry: {},
  ssh: ssh(),
  ...extra,
});
// What doctor could have changed on the hosts: containers of the service or its records, and the image (a pull).
// (Other tests share these hosts: their containers come and go meanwhile.)
const everything = async () =>
  JSON.stringify(
    await Promise.all(
      [h3, h5].map(async (h) => ({
        containers: (await h.docker.listContainers({ all: true }))
          .filter(
            (c) => c.Names.some((n) => n.includes('sg-doc')) || c.Labels?.['aviary.record.service'] === fx.service,
          )
          .map((c) => c.Id)
          .sort(),
        image: await h.docker
          .getImage(v1)
          .inspect()
          .then(
            () => true,
            () => false,
          ),
      })),
    ),
  );

beforeAll(async () => {
  [h3, h5] = [fx.host('h3'), fx.host('h5')];
  await fx.clean([h3, h5]);
  await h5.docker
    .getContainer('sg-doc-squatter')
    .remove({ force: true })
    .catch(() => undefined);
  v1 = await fx.image('v1');
  // New hosts: not even the image yet (a previous run of this file deployed it).
  for (const h of [h3, h5])
    await h.docker
      .getImage(v1)
      .remove({ force: true })
      .catch(() => undefined);
  const h = fx.fleet.hosts.find((x) => x.name === 'h3')!;
  fx.writeConfig({
    web: [
      { name: 'h3', docker: h.ssh!, address: h.address },
      { name: 'h5', docker: h5.endpoint, address: h5.address },
    ],
  });
}, 180_000);

afterAll(async () => {
  await h5.docker
    .getContainer('sg-doc-squatter')
    .remove({ force: true })
    .catch(() => undefined);
  await fx.clean([h3, h5]);
});

test('new hosts: every check passes, with the figures; nothing is changed', async () => {
  const before = await everything();
  const report = await doctor(settings({ overrides: { image: 'v1' } }), [], new MemoryLogger());
  const text = renderDoctor(report);
  expect({ ok: report.ok, text }).toEqual({ ok: true, text: expect.any(String) });
  const [a, b] = report.hosts;
  expect(a.checks.engine.detail).toMatch(/^Docker \d+\.\d+/);
  expect(a.checks.disk).toEqual({
    verdict: 'ok',
    detail: expect.stringMatching(
      /^[\d.]+ (GiB|MiB) free on \/tmp\/aviary-fleet\/h3\/data; the image is [\d.]+ MiB compressed/,
    ),
  });
  expect(b.checks.disk.verdict).toBe('n/a');
  expect(a.checks.clock.verdict).toBe('ok');
  expect(a.checks.ports).toEqual({ verdict: 'ok', detail: '18930 free' });
  expect(a.checks.registry.verdict).toBe('ok');
  expect(a.checks.registry.detail).toMatch(/sha256:/);
  expect(a.checks.ssh.verdict).toBe('ok');
  expect(b.checks.ssh).toEqual({
    verdict: 'n/a',
    detail: 'not reached over SSH (for maintain, root@10.210.0.15:22 is not in known_hosts)',
  });
  expect(report.imageBytes).toBeGreaterThan(100_000);
  expect(text).toMatch(/^h3 \(web\)\n {2}engine {3}ok/m);
  expect(await everything()).toBe(before);
}, 60_000);

test('a port held by another container fails; held by the service it is fine', async () => {
  const base = `${fx.fleet.registry.plain}/${fx.fleet.baseImage}`;
  await pull(h5.docker, base);
  const squatter = await h5.docker.createContainer({
    name: 'sg-doc-squatter',
    Image: base,
    Cmd: ['sleep', '300'],
    ExposedPorts: { '8080/tcp': {} },
    HostConfig: { PortBindings: { '8080/tcp': [{ HostPort: String(fx.port) }] } },
  });
  await squatter.start();
  const held = await doctor(settings({ overrides: { image: 'v1' } }), ['h5'], new MemoryLogger());
  expect(held.ok).toBe(false);
  expect(held.hosts[0].checks.ports).toEqual({ verdict: 'fail', detail: '18930 held by container sg-doc-squatter' });
  await squatter.remove({ force: true });

  expect((await fx.deploy(v1, { ssh: ssh() })).report.result).toBe('deployed');
  const ours = await doctor(settings({ overrides: { image: 'v1' } }), [], new MemoryLogger());
  expect(ours.hosts.map((h) => h.checks.ports.detail)).toEqual(['18930 held by sg-doc', '18930 held by sg-doc']);
  expect(ours.hosts[0].checks.disk.detail).toMatch(/the image is already there/);
}, 90_000);

test('an image the registry lacks, and an SSH host key that is not the known one, fail by name', async () => {
  const missing = await doctor(settings({ overrides: { image: 'no-such-tag' } }), ['h5'], new MemoryLogger());
  expect(missing.hosts[0].checks.registry.verdict).toBe('fail');
  expect(missing.hosts[0].checks.registry.detail).toMatch(
    /could not read the manifest of .*no-such-tag from 10\.210\.0\.2:5000: .*(not found|unknown)/i,
  );

  // No version given: the file's image as written (here a bare repository: Docker's latest, which was never pushed).
  const bare = await doctor(settings(), ['h5'], new MemoryLogger());
  expect(bare.image).toBe(fx.repository);
  expect(bare.hosts[0].checks.registry.detail).toMatch(
    /could not read the manifest of 10\.210\.0\.2:5000\/sg-doc\/app from/,
  );

  const wrong = await doctor(
    settings({ overrides: { image: 'v1' }, ssh: ssh(fx.fleet.ssh.wrongKnownHosts) }),
    ['h3'],
    new MemoryLogger(),
  );
  expect(wrong.hosts[0].checks.engine.verdict).toBe('fail');
  expect(wrong.hosts[0].checks.ssh).toEqual({ verdict: 'fail', detail: expect.stringMatching(/SHA256:/) });
}, 60_000);
