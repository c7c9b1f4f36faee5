// The benchmark's side of the test fleet: bringing it up at the size a case needs, putting every
// host back in the same starting state before each timed run, building the images a run deploys,
// and reading what the hosts serve.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const Docker = require('dockerode');

export const FLEET_DIR = process.env.AVIARY_FLEET_DIR || '/tmp/aviary-fleet';

export function readFleet() {
  try {
    return JSON.parse(fs.readFileSync(path.join(FLEET_DIR, 'fleet.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Runs a command, its output appended to `logFile`; resolves with its exit code. */
export function runLogged(cmd, args, logFile, options = {}) {
  return new Promise((resolve) => {
    const out = fs.openSync(logFile, 'a');
    const child = spawn(cmd, args, { stdio: ['ignore', out, out], cwd: ROOT, ...options });
    child.on('close', (code) => {
      fs.closeSync(out);
      resolve(code ?? 1);
    });
    child.on('error', () => {
      fs.closeSync(out);
      resolve(127);
    });
  });
}

/** `scripts/fleet status` answers and lists `n` hosts. */
export async function fleetIsUp(n, logFile) {
  const f = readFleet();
  if (!f || f.hosts.length !== n) return false;
  return (await runLogged(path.join(ROOT, 'scripts/fleet'), ['status'], logFile)) === 0;
}

export async function fleetUp(n, logFile) {
  const code = await runLogged(path.join(ROOT, 'scripts/fleet'), ['up', String(n)], logFile);
  if (code !== 0) throw new Error(`scripts/fleet up ${n} failed (exit ${code}): see ${logFile}`);
  return readFleet();
}

export async function fleetDown(logFile) {
  await runLogged(path.join(ROOT, 'scripts/fleet'), ['down'], logFile);
}

/** The first `n` hosts of the fleet as every tool reaches them: plain TCP, or TCP with mutual TLS. */
export function benchHosts(fleet, n) {
  return fleet.hosts.slice(0, n).map((h) => ({
    name: h.name,
    address: h.address,
    endpoint: h.tcp ?? h.tls,
    tls: !h.tcp && !!h.tls,
    local: new Docker({ socketPath: h.socket.replace('unix://', '') }),
  }));
}

export const builderDocker = () => new Docker({ socketPath: '/var/run/docker.sock' });

/** The Dockerfile of a bench image: busybox httpd serving /health and /version (see LAB.md). */
export function dockerfile(base, version, { blobBytes = 0, failWhenFlagged = false } = {}) {
  const lines = [`FROM ${base}`];
  if (blobBytes) lines.push(`RUN head -c ${blobBytes} /dev/urandom > /blob`);
  lines.push(`RUN mkdir -p /www && echo ${version} > /www/version && echo ok > /www/health`);
  const flag = failWhenFlagged ? '[ -f /flags/broken ] && rm -f /www/health; ' : '';
  lines.push(`CMD ["sh", "-c", "${flag}trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait"]`);
  return lines.join('\n') + '\n';
}

/** Builds a fresh image (no cache: a new random layer every time) on the builder and pushes it. */
export async function buildAndPush(ref, text, logFile) {
  const env = { ...process.env, DOCKER_BUILDKIT: '0', DOCKER_HOST: 'unix:///var/run/docker.sock' };
  const dir = fs.mkdtempSync('/tmp/aviary-bench-ctx-');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
  try {
    if (await runLogged('docker', ['build', '--no-cache', '-q', '-t', ref, dir], logFile, { env }))
      throw new Error(`docker build ${ref} failed: see ${logFile}`);
    if (await runLogged('docker', ['push', '-q', ref], logFile, { env }))
      throw new Error(`docker push ${ref} failed: see ${logFile}`);
    await runLogged('docker', ['rmi', ref], logFile, { env });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return ref;
}

async function pull(docker, ref) {
  const stream = await docker.pull(ref);
  await new Promise((resolve, reject) => docker.modem.followProgress(stream, (e) => (e ? reject(e) : resolve())));
}

function isBenchContainer(names, service) {
  return names.some((n) => n === `/${service}` || n.startsWith(`/${service}.`) || n === `/aviary-lock.${service}`);
}

/**
 * Puts one host in the starting state of every timed run: none of the service's containers but one
 * running the baseline image, no lock, and no image of the bench repository but the baseline.
 */
export async function resetHost(h, { service, port, repo, baseline, volumes = [] }) {
  const d = h.local;
  for (const c of await d.listContainers({ all: true })) {
    if (isBenchContainer(c.Names, service))
      await d
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined);
  }
  for (const img of await d.listImages()) {
    const tags = img.RepoTags ?? [];
    const digests = img.RepoDigests ?? [];
    const ours = tags.some((t) => t.startsWith(`${repo}:`)) || digests.some((t) => t.startsWith(`${repo}@`));
    if (ours && !tags.includes(baseline))
      await d
        .getImage(img.Id)
        .remove({ force: true })
        .catch(() => undefined);
  }
  if (
    !(await d
      .getImage(baseline)
      .inspect()
      .then(
        () => true,
        () => false,
      ))
  )
    await pull(d, baseline);
  const c = await d.createContainer({
    name: service,
    Image: baseline,
    ExposedPorts: { '8080/tcp': {} },
    HostConfig: {
      PortBindings: { '8080/tcp': [{ HostPort: String(port) }] },
      RestartPolicy: { Name: 'unless-stopped' },
      Binds: volumes.length ? volumes : undefined,
    },
  });
  await c.start();
}

/** Removes the service's containers (and, with `volume`, its volume) from a host. */
export async function cleanHost(h, { service, repo, volume }) {
  const d = h.local;
  for (const c of await d.listContainers({ all: true })) {
    if (isBenchContainer(c.Names, service))
      await d
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined);
  }
  if (volume)
    await d
      .getVolume(volume)
      .remove()
      .catch(() => undefined);
  for (const img of await d.listImages()) {
    const tags = img.RepoTags ?? [];
    const digests = img.RepoDigests ?? [];
    if (tags.some((t) => t.startsWith(`${repo}:`)) || digests.some((t) => t.startsWith(`${repo}@`))) {
      await d
        .getImage(img.Id)
        .remove({ force: true })
        .catch(() => undefined);
    }
  }
}

/** Puts the file /flags/broken in a named volume on a host: the broken image fails health there. */
export async function flagHost(h, volume, image) {
  const c = await h.local.createContainer({
    Image: image,
    Cmd: ['sh', '-c', 'touch /flags/broken'],
    HostConfig: { Binds: [`${volume}:/flags`] },
  });
  await c.start();
  await c.wait();
  await c.remove();
}

/** GET http://address:port/path → { status, body } or { error }; a fresh connection every time. */
export function get(address, port, p, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const req = http.get({ host: address, port, path: p, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode, body: body.trim() }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ error: e.message }));
  });
}

/** Whether a host serves `version` and answers /health with 200. */
export async function servesHealthy(address, port, version) {
  const [v, hl] = await Promise.all([get(address, port, '/version'), get(address, port, '/health')]);
  return v.body === version && hl.status === 200;
}

export async function waitServing(hosts, port, version, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  const pending = new Set(hosts);
  while (pending.size) {
    await Promise.all(
      [...pending].map(async (h) => {
        if (await servesHealthy(h.address, port, version)) pending.delete(h);
      }),
    );
    if (!pending.size) break;
    if (Date.now() > until)
      throw new Error(`not serving ${version} on :${port}: ${[...pending].map((h) => h.name).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The hosts that do not serve `version` healthily (the check after each timed run). */
export async function notServing(hosts, port, version) {
  const ok = await Promise.all(hosts.map((h) => servesHealthy(h.address, port, version)));
  return hosts.filter((_, i) => !ok[i]).map((h) => h.name);
}

/** Runs fn over items, at most `limit` at once; throws the first error after all settle. */
export async function each(items, limit, fn) {
  let next = 0;
  const errors = [];
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++];
        try {
          await fn(item);
        } catch (e) {
          errors.push(`${item.name ?? ''}: ${e.message}`);
        }
      }
    }),
  );
  if (errors.length) throw new Error(errors.join('; '));
}

/**
 * Polls each of some hosts every `everyMs` (each host on its own, so that a slow answer from one
 * does not delay the others) and keeps when each last became "healthy on `version`" (the time its
 * passing probe was sent); stop() returns { name: that time (ms epoch) | undefined when not healthy }.
 */
export function watchHealthy(hosts, port, version, everyMs = 25) {
  const state = new Map(hosts.map((h) => [h.name, { healthy: undefined, since: undefined }]));
  let running = true;
  const loops = hosts.map(async (h) => {
    const s = state.get(h.name);
    while (running) {
      const t = Date.now();
      const [v, hl] = await Promise.all([get(h.address, port, '/version', 250), get(h.address, port, '/health', 250)]);
      const ok = v.body === version && hl.status === 200;
      if (ok && s.healthy !== true) s.since = t;
      s.healthy = ok;
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (Date.now() - t))));
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
    return Object.fromEntries([...state].map(([n, s]) => [n, s.healthy ? s.since : undefined]));
  };
}
