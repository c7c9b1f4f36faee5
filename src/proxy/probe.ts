// Health probes in proxy mode: the app's container publishes no port, so its HTTP and TCP checks
// run inside the proxy container (busybox wget and nc, docker exec), on the path the proxy itself
// will take to it: the container's id on the proxy's network.
import { performance } from 'node:perf_hooks';
import type { HttpCheck } from '../health/types';
import { short } from '../hosts/engine';
import type { Probes } from '../health/probes';
import type { ProbeResult } from '../health/types';
import type { HostProxy } from './proxy';

/** The HTTP and TCP probes of `containerId`, through the host's proxy; the address they are given is ignored. */
export function proxyProbes(proxy: HostProxy, containerId: string): Partial<Probes> {
  const name = short(containerId);
  return {
    http: (_address, check, timeoutMs) => httpThrough(proxy, name, check, timeoutMs),
    tcp: (_address, port, timeoutMs) => tcpThrough(proxy, name, port, timeoutMs),
  };
}

async function httpThrough(proxy: HostProxy, name: string, check: HttpCheck, timeoutMs: number): Promise<ProbeResult> {
  const at = Date.now();
  const t0 = performance.now();
  const url = `${check.scheme}://${name}:${check.port}${check.path}`;
  const target = `GET ${url} (from the proxy)`;
  const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
  try {
    // Bounded by busybox's timeout: Debian's busybox 1.35 wget crashes on its own -T.
    const r = await proxy.host.execIn(
      proxy.probeContainer,
      ['busybox', 'timeout', seconds, 'wget', '-S', '-q', '-O', '-', url],
      timeoutMs + 2_000,
    );
    const latencyMs = Math.round(performance.now() - t0);
    // -S prints the response's status lines (indented) on stderr; wget follows redirects: the last one counts.
    const statuses = [...r.output.matchAll(/HTTP\/[\d.]+ (\d{3})/g)].map((m) => Number(m[1]));
    const status = statuses.length ? statuses[statuses.length - 1] : undefined;
    const body = r.output
      .split('\n')
      .filter((l) => !/^ {2}\S/.test(l) && !l.startsWith('wget: '))
      .join('\n');
    const problems: string[] = [];
    if (status === undefined)
      problems.push(r.output.trim().split('\n').pop()?.slice(0, 200) || `wget exited ${r.exitCode}`);
    else {
      const [lo, hi] = check.status;
      if (status < lo || status > hi) problems.push(`status ${status}, expected ${lo === hi ? lo : `${lo}-${hi}`}`);
      if (check.body && 'text' in check.body && !body.includes(check.body.text))
        problems.push(`body does not contain ${JSON.stringify(check.body.text)}`);
      if (check.body && 'regex' in check.body && !new RegExp(check.body.regex, 'm').test(body.trimEnd()))
        problems.push(`body does not match /${check.body.regex}/`);
    }
    return {
      check: 'http',
      target,
      ok: problems.length === 0,
      at,
      latencyMs,
      status,
      bodyExcerpt: body.trim().slice(0, 160).replace(/\s+/g, ' '),
      error: problems.length ? problems.join('; ') : undefined,
    };
  } catch (err) {
    return {
      check: 'http',
      target,
      ok: false,
      at,
      latencyMs: Math.round(performance.now() - t0),
      error: `could not run wget in the proxy: ${(err as Error).message}`,
    };
  }
}

async function tcpThrough(proxy: HostProxy, name: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  const at = Date.now();
  const t0 = performance.now();
  const target = `tcp ${name}:${port} (from the proxy)`;
  const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
  try {
    const r = await proxy.host.execIn(
      proxy.probeContainer,
      ['nc', '-w', seconds, name, String(port)],
      timeoutMs + 2_000,
    );
    return {
      check: 'tcp',
      target,
      ok: r.exitCode === 0,
      at,
      latencyMs: Math.round(performance.now() - t0),
      error:
        r.exitCode === 0
          ? undefined
          : r.output.trim().split('\n').pop() || `connection refused (nc exited ${r.exitCode})`,
    };
  } catch (err) {
    return {
      check: 'tcp',
      target,
      ok: false,
      at,
      latencyMs: Math.round(performance.now() - t0),
      error: `could not run nc in the proxy: ${(err as Error).message}`,
    };
  }
}
