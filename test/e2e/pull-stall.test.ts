// A pull whose download stops moving (the host's link or the registry gone mid-blob) is cut after
// the stall timeout with a message naming the host and why, not left hanging until the whole pull
// timeout (10 minutes). A real engine pulls through a proxy in front of the real registry that
// passes the first bytes of each layer and then sends nothing more.
import Dockerode from 'dockerode';
import { DockerHost } from '../../src/hosts/docker-host';
import { DeployFixture } from '../support/deploy-fixture';
import { isBlobRead, RegistryProxy, startRegistryProxy } from '../support/registry-proxy';

const fx = new DeployFixture('t-pull-stall', 18260);
const fleet = fx.fleet;
const target = fleet.hosts[0];
const engine = new Dockerode({ socketPath: target.socket.replace(/^unix:\/\//, '') });
const STALL_MS = 2000;
const host = new DockerHost(target.name, engine, engine, { requestMs: 15_000, pullMs: 120_000, pullStallMs: STALL_MS });
let proxy: RegistryProxy;
let repoPath: string;

beforeAll(async () => {
  // A fresh image on the real registry, so that the host has none of its layers.
  const image = await fx.image(`v${Date.now()}`);
  repoPath = image.slice(fleet.registry.plain.length + 1);
  // Listening on the fleet's bridge: the engines treat its network as an insecure registry.
  proxy = await startRegistryProxy(
    fleet.registry.plain,
    [{ match: isBlobRead, times: 1000, answer: 'stall' }],
    '10.210.0.1',
  );
}, 120_000);

afterAll(async () => {
  await proxy?.close();
});

test('a download that stops is cut after the stall timeout, naming the host and the reason', async () => {
  const ref = `${proxy.host}/${repoPath}`;
  const t0 = Date.now();
  const err = await host.pull(ref).then(
    () => undefined,
    (e: Error) => e,
  );
  const ms = Date.now() - t0;
  expect(err?.message).toBe(
    `${target.name}: pull ${ref}: no progress for 2s: the host lost its network, or the registry stopped sending`,
  );
  expect(ms).toBeGreaterThanOrEqual(STALL_MS);
  expect(ms).toBeLessThan(60_000); // well before the pull timeout (120s here, 10 min by default)
  expect(proxy.log.some((l) => l.outcome === 'stall')).toBe(true);
}, 90_000);

test('a pull that keeps moving is not cut by the same stall timeout', async () => {
  const ref = `${fleet.registry.plain}/${repoPath}`;
  await engine
    .getImage(ref)
    .remove({ force: true })
    .catch(() => undefined);
  await host.pull(ref);
  expect((await host.imageDigest(ref))?.digest).toMatch(/^sha256:/);
}, 90_000);
