// The push engine against the fleet's real registries: the digest output is the registry's, auth
// works (and a wrong password fails cleanly without leaking), and 503s/drops are retried.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { buildImage } from '../../src/build/build';
import { command as pushCommand } from '../../src/commands/push';
import { parseArgs } from '../../src/commands/command';
import { RunError } from '../../src/errors';
import { MemoryLogger } from '../support/memory-logger';
import { pushTags } from '../../src/push/push';
import { PushSettings } from '../../src/push/settings';
import { MANIFEST_ACCEPT, RegistryClient } from '../../src/registry/client';
import { loadFleet } from '../support/fleet';
import { isManifestPut, isManifestRead, startRegistryProxy } from '../support/registry-proxy';

const fleet = loadFleet();
const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const run = randomBytes(3).toString('hex');
const created: string[] = [];
const dirs: string[] = [];
const FAST = { baseDelayMs: 50 };

/** A fresh image (unique content, so a new digest), tagged with every tag given. */
async function freshImage(...tags: string[]): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-push-ctx-'));
  dirs.push(dir);
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    `FROM ${fleet.baseImage}\nRUN echo ${randomBytes(8).toString('hex')} > /id\n`,
  );
  const result = await buildImage(
    docker,
    { context: dir, file: path.join(dir, 'Dockerfile'), tags, labels: {}, buildArgs: {}, pull: false, noCache: false },
    new MemoryLogger(),
    { env: {} },
  );
  created.push(...tags, result.imageId);
  return result.imageId;
}

/** HEAD /v2/<repo>/manifests/<tag> on a plain-http registry, asked by the test itself. */
function registryDigest(
  registry: string,
  repository: string,
  tag: string,
  auth?: { username: string; password: string },
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: MANIFEST_ACCEPT };
    if (auth) headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    const req = http.request(
      `http://${registry}/v2/${repository}/manifests/${tag}`,
      { method: 'HEAD', headers },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200 ? String(res.headers['docker-content-digest']) : undefined);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function settings(tags: string[], extra: Partial<PushSettings> = {}): PushSettings {
  return { tags, registry: tags[0].split('/')[0], retries: 3, ...extra };
}

afterAll(async () => {
  for (const ref of [...new Set(created)].reverse())
    await docker
      .getImage(ref)
      .remove({ force: true })
      .catch(() => undefined);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test('push: the digest output is the one the registry holds for the tag; image is repo@digest', async () => {
  const repo = `${fleet.registry.plain}/test-push/app`;
  await freshImage(`${repo}:a-${run}`, `${repo}:b-${run}`);
  const log = new MemoryLogger();
  const result = await pushTags(docker, settings([`${repo}:a-${run}`, `${repo}:b-${run}`]), log, { env: {} });
  const held = await registryDigest(fleet.registry.plain, 'test-push/app', `a-${run}`);
  expect(held).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(result.digest).toBe(held);
  expect(result.image).toBe(`${repo}@${held}`);
  expect(result.pushed.map((p) => p.digest)).toEqual([
    held,
    await registryDigest(fleet.registry.plain, 'test-push/app', `b-${run}`),
  ]);
  expect(log.lines).toContain(`▸ Push ${repo}:a-${run}`);
  expect(log.text).toMatch(/Pushed|Layer already exists/);
});

describe('the htpasswd registry', () => {
  const repo = `${fleet.registry.auth}/test-push/app`;
  const { username, password } = fleet.registry;

  test('push with username and password', async () => {
    await freshImage(`${repo}:auth-${run}`);
    const log = new MemoryLogger();
    const result = await pushTags(docker, settings([`${repo}:auth-${run}`], { username, password }), log, { env: {} });
    expect(result.digest).toBe(
      await registryDigest(fleet.registry.auth, 'test-push/app', `auth-${run}`, { username, password }),
    );
    expect(log.text).toContain(`as user "${username}"`);
    expect(log.text).not.toContain(password);
  });

  test('push with the credentials docker/login-action leaves in $DOCKER_CONFIG/config.json', async () => {
    const config = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-docker-config-'));
    dirs.push(config);
    fs.writeFileSync(
      path.join(config, 'config.json'),
      JSON.stringify({
        auths: { [fleet.registry.auth]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } },
      }),
    );
    await freshImage(`${repo}:config-${run}`);
    const log = new MemoryLogger();
    const result = await pushTags(docker, settings([`${repo}:config-${run}`]), log, { env: { DOCKER_CONFIG: config } });
    expect(result.digest).toBe(
      await registryDigest(fleet.registry.auth, 'test-push/app', `config-${run}`, { username, password }),
    );
    expect(log.text).not.toContain(password);
  });

  test('a wrong password fails clearly, and appears in no log line, error or output', async () => {
    const wrong = `wrong-${randomBytes(6).toString('hex')}`;
    await freshImage(`${repo}:wrong-${run}`);
    const log = new MemoryLogger();
    const err = await pushTags(
      docker,
      settings([`${repo}:wrong-${run}`], { username, password: wrong, retries: 2 }),
      log,
      { env: {}, retry: FAST },
    ).catch((e) => e);
    expect(err).toBeInstanceOf(RunError);
    expect(err.message).toContain(`the registry ${fleet.registry.auth} refused user "${username}"`);
    expect(err.message).toContain('Check the username and password');
    const everything = [err.message, JSON.stringify(err.details), err.stack, log.text].join('\n');
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(Buffer.from(`${username}:${wrong}`).toString('base64'));
    // An auth failure is not retried.
    expect(log.text).not.toContain('retry 1/');
  });

  test('no credentials at all: a clear message', async () => {
    await freshImage(`${repo}:anon-${run}`);
    const err = await pushTags(docker, settings([`${repo}:anon-${run}`]), new MemoryLogger(), {
      env: { DOCKER_CONFIG: '/nonexistent' },
    }).catch((e) => e);
    expect(err.message).toMatch(
      /refused anonymous access.*Give username and password, or log in with docker\/login-action first/,
    );
  });
});

describe('a registry that fails and recovers', () => {
  test('503 on the manifest upload, twice: retried with backoff to success', async () => {
    const proxy = await startRegistryProxy(fleet.registry.plain, [{ match: isManifestPut, times: 2, answer: 503 }]);
    try {
      const tag = `${proxy.host}/test-push/flaky:503-${run}`;
      await freshImage(tag);
      const log = new MemoryLogger();
      const result = await pushTags(docker, settings([tag]), log, { env: {}, retry: FAST });
      expect(proxy.injected).toBe(2);
      expect(log.text).toMatch(/warning: push .* failed \(HTTP 503: .*\); retry 1\/3 in/);
      expect(log.text).toMatch(/retry 2\/3/);
      expect(result.digest).toBe(await registryDigest(fleet.registry.plain, 'test-push/flaky', `503-${run}`));
    } finally {
      await proxy.close();
    }
  });

  test('a dropped connection on the manifest upload: retried', async () => {
    const proxy = await startRegistryProxy(fleet.registry.plain, [{ match: isManifestPut, times: 1, answer: 'drop' }]);
    try {
      const tag = `${proxy.host}/test-push/flaky:drop-${run}`;
      await freshImage(tag);
      const log = new MemoryLogger();
      const result = await pushTags(docker, settings([tag]), log, { env: {}, retry: FAST });
      expect(proxy.injected).toBe(1);
      expect(log.text).toMatch(/failed \((connection dropped|HTTP 5\d\d)/);
      expect(result.digest).toBe(await registryDigest(fleet.registry.plain, 'test-push/flaky', `drop-${run}`));
    } finally {
      await proxy.close();
    }
  });

  test('503 on the manifest query after the push: retried too', async () => {
    const proxy = await startRegistryProxy(fleet.registry.plain, [{ match: isManifestRead, times: 2, answer: 503 }]);
    try {
      const tag = `${proxy.host}/test-push/flaky:read-${run}`;
      await freshImage(tag);
      const log = new MemoryLogger();
      const result = await pushTags(docker, settings([tag]), log, { env: {}, retry: FAST });
      expect(log.text).toMatch(/asking .* for the manifest .* failed \(HTTP 503/);
      expect(log.text).not.toContain('using the digest the engine reported');
      expect(result.digest).toBe(await registryDigest(fleet.registry.plain, 'test-push/flaky', `read-${run}`));
    } finally {
      await proxy.close();
    }
  });

  test('more failures than retries: fails, saying how many tries', async () => {
    const proxy = await startRegistryProxy(fleet.registry.plain, [{ match: isManifestPut, times: 5, answer: 503 }]);
    try {
      const tag = `${proxy.host}/test-push/flaky:down-${run}`;
      await freshImage(tag);
      const err = await pushTags(docker, settings([tag], { retries: 1 }), new MemoryLogger(), {
        env: {},
        retry: FAST,
      }).catch((e) => e);
      expect(err).toBeInstanceOf(RunError);
      expect(err.message).toMatch(new RegExp(`push ${tag.replace(/[.]/g, '\\.')} failed after 2 tries: .*503`));
      expect(proxy.injected).toBe(2);
    } finally {
      await proxy.close();
    }
  });
});

test('a tag the builder engine does not have: a clear message', async () => {
  const tag = `${fleet.registry.plain}/test-push/none:missing-${run}`;
  await expect(pushTags(docker, settings([tag]), new MemoryLogger(), { env: {} })).rejects.toThrow(
    `the builder engine has no image tagged ${tag}`,
  );
});

test('the registry client answers the Basic challenge, and reports a missing tag', async () => {
  const { username, password } = fleet.registry;
  const repo = `${fleet.registry.auth}/test-push/app`;
  await freshImage(`${repo}:client-${run}`);
  await pushTags(docker, settings([`${repo}:client-${run}`], { username, password }), new MemoryLogger(), { env: {} });
  const client = new RegistryClient(fleet.registry.auth, {
    credentials: { username, password },
    insecure: true,
    log: new MemoryLogger(),
  });
  const info = await client.manifest({
    registry: fleet.registry.auth,
    repository: 'test-push/app',
    tag: `client-${run}`,
  });
  expect(info.digest).toBe(
    await registryDigest(fleet.registry.auth, 'test-push/app', `client-${run}`, { username, password }),
  );
  await expect(
    client.manifest({ registry: fleet.registry.auth, repository: 'test-push/app', tag: 'no-such-tag' }),
  ).rejects.toThrow(/has no manifest for test-push\/app:no-such-tag/);
});

test('aviary push: password from AVIARY_REGISTRY_PASSWORD, outputs printed at the end', async () => {
  const { username, password } = fleet.registry;
  const tag = `${fleet.registry.auth}/test-push/app:cli-${run}`;
  await freshImage(tag);
  const log = new MemoryLogger();
  const saved = process.env.AVIARY_REGISTRY_PASSWORD;
  process.env.AVIARY_REGISTRY_PASSWORD = password;
  try {
    await pushCommand.run(parseArgs(pushCommand, ['--username', username, tag], {}), log);
  } finally {
    if (saved === undefined) delete process.env.AVIARY_REGISTRY_PASSWORD;
    else process.env.AVIARY_REGISTRY_PASSWORD = saved;
  }
  const digest = await registryDigest(fleet.registry.auth, 'test-push/app', `cli-${run}`, { username, password });
  expect(log.lines.slice(-2)).toEqual([`digest=${digest}`, `image=${fleet.registry.auth}/test-push/app@${digest}`]);
  expect(log.text).not.toContain(password);
});
