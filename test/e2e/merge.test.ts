// Multi-platform images the way large projects make them, against the fleet's real registry: an
// amd64 and an arm64 image built here without emulation (FROM scratch + Debian's static busybox of
// each architecture), pushed by digest, merged into one OCI image index — then pulled by a host
// engine, which takes the image of the platform it asks for.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { buildImage } from '../../src/build/build';
import { engineRegistries, MergeSettings, mergeImages as mergeWith, parseMergeSettings } from '../../src/build/merge';
import { command as mergeCommand } from '../../src/commands/merge';
import { parseArgs } from '../../src/commands/command';
import { InputError } from '../../src/errors';
import { MemoryLogger } from '../support/memory-logger';
import { pushTags } from '../../src/push/push';
import { RegistryClient } from '../../src/registry/client';
import { OCI_INDEX } from '../../src/registry/image-index';
import { loadFleet } from '../support/fleet';

const fleet = loadFleet();
const builder = new Docker({ socketPath: '/var/run/docker.sock' });
const h1 = fleet.hosts.find((h) => h.tcp)!;
const host = new Docker({ host: h1.address, port: 2375 });
const run = randomBytes(3).toString('hex');
const registry = fleet.registry.plain;
const perPlatform = `${registry}/bk-merge/app-${run}`;
/** The arm64 busybox: scripts/install-deps downloads Debian's package there. */
const ARM64_DEB = process.env.AVIARY_ARM64_BUSYBOX_DEB ?? '/var/cache/aviary/busybox-static_arm64.deb';
const dirs: string[] = [];
const builderImages: string[] = [];
const hostImages: string[] = [];

function fileType(file: string): string {
  // The ELF header's machine field: 0x3e x86-64, 0xb7 AArch64.
  const head = fs.readFileSync(file).subarray(0, 20);
  return ({ 0x3e: 'x86-64', 0xb7: 'aarch64' } as Record<number, string>)[head.readUInt16LE(18)] ?? 'other';
}

/** A context with the static busybox of one architecture and a Dockerfile that copies it FROM scratch. */
function platformContext(arch: 'amd64' | 'arm64'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bk-merge-${arch}-`));
  dirs.push(dir);
  if (arch === 'amd64') {
    fs.copyFileSync('/bin/busybox', path.join(dir, 'busybox'));
  } else {
    execFileSync('dpkg-deb', ['-x', ARM64_DEB, path.join(dir, 'deb')]);
    fs.copyFileSync(path.join(dir, 'deb/bin/busybox'), path.join(dir, 'busybox'));
    fs.rmSync(path.join(dir, 'deb'), { recursive: true });
  }
  fs.writeFileSync(path.join(dir, 'arch'), `${arch}-${run}\n`);
  // No RUN: nothing of the other architecture is executed, so no emulation is needed.
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nCOPY arch /arch\nCMD ["/bin/busybox", "cat", "/arch"]\n',
  );
  return dir;
}

async function buildAndPush(arch: 'amd64' | 'arm64'): Promise<{ imageId: string; digest: string; image: string }> {
  const context = platformContext(arch);
  const tag = `${perPlatform}:${arch}`;
  const built = await buildImage(
    builder,
    {
      context,
      file: path.join(context, 'Dockerfile'),
      tags: [tag],
      labels: {},
      buildArgs: {},
      pull: false,
      noCache: false,
      platform: `linux/${arch}`,
    },
    new MemoryLogger(),
    { env: {} },
  );
  builderImages.push(tag, built.imageId);
  const pushed = await pushTags(builder, { tags: [tag], registry, retries: 1 }, new MemoryLogger());
  return { imageId: built.imageId, digest: pushed.digest, image: pushed.image };
}

/** A merge that, as the action and the CLI do, asks the engine which registries are insecure (plain HTTP). */
async function mergeImages(settings: MergeSettings, log: MemoryLogger) {
  return mergeWith(settings, log, { registries: await engineRegistries(builder, log) });
}

function client(): RegistryClient {
  return new RegistryClient(registry, { insecure: true, log: new MemoryLogger() });
}

async function pullOnHost(ref: string, platform?: string): Promise<Docker.ImageInspectInfo> {
  const stream = await host.pull(ref, platform ? { platform } : {});
  await new Promise<void>((resolve, reject) =>
    host.modem.followProgress(stream, (err: Error | null, out: Array<{ error?: string }>) => {
      const failed = err?.message ?? out.find((o) => o.error)?.error;
      if (failed) reject(new Error(failed));
      else resolve();
    }),
  );
  hostImages.push(ref);
  return host.getImage(ref).inspect();
}

let amd64: Awaited<ReturnType<typeof buildAndPush>>;
let arm64: Awaited<ReturnType<typeof buildAndPush>>;

beforeAll(async () => {
  if (!fs.existsSync(ARM64_DEB))
    throw new Error(`${ARM64_DEB} is missing: scripts/install-deps downloads Debian's busybox-static:arm64 there`);
  expect(fileType('/bin/busybox')).toBe('x86-64');
  amd64 = await buildAndPush('amd64');
  arm64 = await buildAndPush('arm64');
}, 120_000);

afterAll(async () => {
  for (const ref of hostImages)
    await host
      .getImage(ref)
      .remove({ force: true })
      .catch(() => undefined);
  for (const ref of builderImages)
    await builder
      .getImage(ref)
      .remove({ force: true })
      .catch(() => undefined);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test('the two images are of their own architecture, built without emulation', async () => {
  expect((await builder.getImage(`${perPlatform}:amd64`).inspect()).Architecture).toBe('amd64');
  expect((await builder.getImage(`${perPlatform}:arm64`).inspect()).Architecture).toBe('arm64');
  expect(amd64.digest).not.toBe(arm64.digest);
});

describe('merge into another repository, then pull by platform on a host engine', () => {
  const target = `${registry}/bk-merge/multi-${run}`;
  let digest: string;
  const log = new MemoryLogger();

  beforeAll(async () => {
    const result = await mergeImages(
      parseMergeSettings({
        sources: [amd64.image, arm64.image],
        tags: [`${target}:1.0`, `${target}:latest`],
        username: '',
        password: '',
      }),
      log,
    );
    digest = result.digest;
    expect(result.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(result.image).toBe(`${target}@${digest}`);
  }, 60_000);

  test('the registry holds one OCI index under both tags, naming both digests with their platforms', async () => {
    const c = client();
    for (const tag of ['1.0', 'latest']) {
      const res = await c.call('GET', `/v2/bk-merge/multi-${run}/manifests/${tag}`, `bk-merge/multi-${run}`);
      expect(res.status).toBe(200);
      expect(res.headers['docker-content-digest']).toBe(digest);
      const index = JSON.parse(res.body.toString('utf8'));
      expect(index.mediaType).toBe(OCI_INDEX);
      expect(
        index.manifests.map((m: { digest: string; platform: { os: string; architecture: string } }) => [
          m.digest,
          `${m.platform.os}/${m.platform.architecture}`,
        ]),
      ).toEqual([
        [amd64.digest, 'linux/amd64'],
        [arm64.digest, 'linux/arm64'],
      ]);
    }
    expect(log.text).toContain('linux/arm64: ');
  });

  test('a host engine pulls the amd64 image by default, and the arm64 one when it asks for linux/arm64', async () => {
    const native = await pullOnHost(`${target}:1.0`);
    expect(native.Architecture).toBe('amd64');
    expect(native.Id).toBe(amd64.imageId);
    const container = await host.createContainer({ Image: `${target}:1.0`, name: `bk-merge-${run}` });
    try {
      await container.start();
      await container.wait();
      expect((await container.logs({ stdout: true })).toString('utf8')).toContain(`amd64-${run}`);
    } finally {
      await container.remove({ force: true });
    }
    await host.getImage(`${target}:1.0`).remove({ force: true });
    const foreign = await pullOnHost(`${target}@${digest}`, 'linux/arm64');
    expect(foreign.Architecture).toBe('arm64');
    expect(foreign.Id).toBe(arm64.imageId);
  }, 60_000);
});

test("aviary merge in the sources' own repository: the outputs printed, the same index digest for the same sources", async () => {
  const log = new MemoryLogger();
  await mergeCommand.run(parseArgs(mergeCommand, ['--tag', `${perPlatform}:multi`, amd64.image, arm64.image]), log);
  const digest = log.lines.find((l) => l.startsWith('digest='))!.slice('digest='.length);
  expect(log.lines).toContain(`image=${perPlatform}@${digest}`);
  expect(log.lines).toContain('platforms=linux/amd64,linux/arm64');
  // An index of an index: the images of the first join the second, so the document is the same.
  const again = await mergeImages(
    parseMergeSettings({
      sources: [`${perPlatform}@${digest}`],
      tags: [`${perPlatform}:again`],
      username: '',
      password: '',
    }),
    new MemoryLogger(),
  );
  expect(again.digest).toBe(digest);
});

test('two sources of one platform, a source never pushed: errors that say so', async () => {
  // The same digest twice is one image, not a conflict.
  await expect(
    mergeImages(
      parseMergeSettings({
        sources: [amd64.image, amd64.image],
        tags: [`${perPlatform}:x`],
        username: '',
        password: '',
      }),
      new MemoryLogger(),
    ),
  ).resolves.toMatchObject({ platforms: ['linux/amd64'] });
  const other = await buildAndPush('amd64');
  expect(other.digest).not.toBe(amd64.digest);
  await expect(
    mergeImages(
      parseMergeSettings({
        sources: [amd64.image, other.image],
        tags: [`${perPlatform}:x`],
        username: '',
        password: '',
      }),
      new MemoryLogger(),
    ),
  ).rejects.toThrow(
    `merge: two sources are both linux/amd64 (${amd64.digest} and ${other.digest}): give one image per platform`,
  );
  await expect(
    mergeImages(
      parseMergeSettings({
        sources: [amd64.image, `${perPlatform}@sha256:${'0'.repeat(64)}`],
        tags: [`${perPlatform}:x`],
        username: '',
        password: '',
      }),
      new MemoryLogger(),
    ),
  ).rejects.toThrow(/has no manifest for .*@sha256:0{64} \(was it pushed\?\)/);
}, 60_000);

test('on a registry with a password: merged with the credentials given; a wrong password is refused without showing it', async () => {
  const { auth, username, password } = fleet.registry;
  const sources: string[] = [];
  for (const arch of ['amd64', 'arm64']) {
    const tag = `${auth}/bk-merge/auth-${run}:${arch}`;
    await builder.getImage(`${perPlatform}:${arch}`).tag({ repo: `${auth}/bk-merge/auth-${run}`, tag: arch });
    builderImages.push(tag);
    sources.push(
      (await pushTags(builder, { tags: [tag], registry: auth, username, password, retries: 1 }, new MemoryLogger()))
        .image,
    );
  }
  const log = new MemoryLogger();
  const merged = await mergeImages(
    parseMergeSettings({ sources, tags: [`${auth}/bk-merge/auth-${run}:multi`], username, password }),
    log,
  );
  expect(merged.platforms).toEqual(['linux/amd64', 'linux/arm64']);
  const wrong = `wrong-${randomBytes(6).toString('hex')}`;
  const refused = new MemoryLogger();
  const err = await mergeImages(
    parseMergeSettings({ sources, tags: [`${auth}/bk-merge/auth-${run}:other`], username, password: wrong }),
    refused,
  ).then(
    () => new Error('merged'),
    (e: Error) => e,
  );
  expect(err.message).toMatch(/HTTP 401 — the registry refused the credentials/);
  expect(err.message + refused.text).not.toContain(wrong);
}, 60_000);

test('settings: every problem at once, before the registry is asked', () => {
  let err: unknown;
  try {
    parseMergeSettings({
      sources: ['Bad@ref', `${registry}/a@sha256:${'1'.repeat(64)}`],
      tags: ['other.example.com/a:1'],
      username: 'u',
      password: '',
    });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  const problems = (err as InputError).problems;
  expect(problems).toHaveLength(3);
  expect(problems[0]).toMatch(/^input sources: "Bad@ref" is not an image reference/);
  expect(problems[1]).toMatch(/are on 10\.210\.0\.2:5000, other\.example\.com/);
  expect(problems[2]).toMatch(/^input password: is missing/);
});
