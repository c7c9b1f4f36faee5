// Hosts reached over SSH (host key checked) and TLS (client certificates) deploy and roll back like
// the others; a private registry's image deploys with credentials and, without them, fails in the
// pre-pull with nothing stopped.
import * as fs from 'node:fs';
import Docker from 'dockerode';
import { DeployFixture, HostRef } from '../support/deploy-fixture';
import { buildTestImage } from '../support/images';

const fx = new DeployFixture('t-transport', 18160);
let ssh: HostRef, tls: HostRef, plain: HostRef;
let v1: string, v2: string, bad: string;

function config(extra: Record<string, unknown> = {}, tlsFiles = fx.fleet.tls) {
  const sshHost = fx.fleet.hosts.find((h) => h.name === 'h3')!;
  const tlsHost = fx.fleet.hosts.find((h) => h.name === 'h2')!;
  return fx.writeConfig(
    {
      remote: [
        sshHost.ssh!,
        {
          name: 'h2-tls',
          docker: tlsHost.tls!,
          address: tlsHost.address,
          tls: { ca: tlsFiles.ca, cert: tlsFiles.cert, key: tlsFiles.key },
        },
        fx.host('h1').endpoint,
      ] as never,
    },
    { strategy: { batches: [1, '100%'], keep: 2 }, ...extra },
  );
}

const sshSettings = () => ({
  key: fs.readFileSync(fx.fleet.ssh.key, 'utf8'),
  knownHosts: fs.readFileSync(fx.fleet.ssh.knownHosts, 'utf8'),
  hostKeyCheck: true,
});

beforeAll(async () => {
  ssh = fx.host('h3');
  tls = fx.host('h2');
  plain = fx.host('h1');
  await fx.clean([ssh, tls, plain]);
  [v1, v2, bad] = await Promise.all([fx.image('v1'), fx.image('v2'), fx.image('bad', { healthy: false })]);
  config();
}, 180_000);

afterAll(() => fx.clean([ssh, tls, plain]));

const versions = () => Promise.all([ssh, tls, plain].map((h) => fx.version(h)));

test('SSH and TLS hosts deploy, and roll back a bad version, like the others', async () => {
  for (const image of [v1, v2]) {
    const { report } = await fx.deploy(image, { ssh: sshSettings() });
    expect({ result: report.result, error: report.error }).toEqual({ result: 'deployed', error: undefined });
  }
  expect(await versions()).toEqual(['v2', 'v2', 'v2']);
  const { report } = await fx.deploy(bad, { ssh: sshSettings() });
  expect(report.result).toBe('rolled-back');
  expect(report.error).toContain('10.210.0.13'); // the SSH host is the canary
  expect(await versions()).toEqual(['v2', 'v2', 'v2']);
});

test('a wrong SSH host key fails in preflight, naming the host and the fingerprint; nothing changes', async () => {
  const before = JSON.stringify(await Promise.all([ssh, tls, plain].map((h) => fx.containers(h))));
  const { report } = await fx.deploy(v1, {
    ssh: { ...sshSettings(), knownHosts: fs.readFileSync(fx.fleet.ssh.wrongKnownHosts, 'utf8') },
  });
  expect(report.result).toBe('failed');
  expect(report.error).toMatch(/10\.210\.0\.13/);
  expect(report.error).toMatch(/SHA256:/);
  expect(report.phases.lock).toBeUndefined();
  expect(JSON.stringify(await Promise.all([ssh, tls, plain].map((h) => fx.containers(h))))).toBe(before);
});

test('a certificate from the wrong CA fails in preflight with a clear message; nothing changes', async () => {
  const before = JSON.stringify(await Promise.all([ssh, tls, plain].map((h) => fx.containers(h))));
  config({}, { ...fx.fleet.tls, ca: fx.fleet.tls.wrongCa });
  const { report } = await fx.deploy(v1, { ssh: sshSettings() });
  expect(report.result).toBe('failed');
  expect(report.error).toMatch(/h2-tls.*(certificate|TLS)/i);
  expect(JSON.stringify(await Promise.all([ssh, tls, plain].map((h) => fx.containers(h))))).toBe(before);
  config();
});

describe('an image from the htpasswd registry', () => {
  let privateImage: string;
  beforeAll(async () => {
    const { auth, username, password } = fx.fleet.registry;
    privateImage = `${auth}/t-transport/app:private`;
    const builder = new Docker({ socketPath: '/var/run/docker.sock' });
    await buildTestImage(
      builder,
      privateImage,
      `${fx.fleet.registry.plain}/${fx.fleet.baseImage}`,
      { version: 'private' },
      { username, password, serveraddress: auth },
    );
  }, 120_000);

  test('without credentials fails in the pre-pull, and nothing is stopped', async () => {
    const before = JSON.stringify(await Promise.all([ssh, tls, plain].map((h) => fx.containers(h))));
    const { report } = await fx.deploy(privateImage, { ssh: sshSettings() });
    expect(report.result).toBe('failed');
    expect(report.error).toMatch(/pre-pull of .* failed on 3 host\(s\), nothing was changed/);
    expect(report.error).toMatch(/unauthorized|authentication required|no basic auth/i);
    expect(JSON.stringify(await Promise.all([ssh, tls, plain].map((h) => fx.containers(h))))).toBe(before);
    expect(await versions()).toEqual(['v2', 'v2', 'v2']);
  });

  test('with credentials deploys, and the credentials are not stored on the hosts', async () => {
    const { username, password } = fx.fleet.registry;
    const { report, log } = await fx.deploy(privateImage, { ssh: sshSettings(), registry: { username, password } });
    expect({ result: report.result, error: report.error }).toEqual({ result: 'deployed', error: undefined });
    expect(await versions()).toEqual(['private', 'private', 'private']);
    expect(log.text).not.toContain(password);
    for (const h of [ssh, tls, plain]) {
      const info = await h.docker.getContainer('t-transport').inspect();
      expect(JSON.stringify(info)).not.toContain(password);
    }
  });
});
