// Drain hooks: validation of `hooks:`, and running them for real — programs without a shell,
// HTTP requests against a local server — with placeholders, timeouts and failures.
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Problems } from '../../src/errors';
import { mergeHooks, readHooks } from '../../src/hooks/config';
import { runHook } from '../../src/hooks/run';
import { HooksSpec, HookSpec, HookVars } from '../../src/hooks/types';
import { MemoryLogger } from '../support/memory-logger';

function read(raw: unknown): { hooks?: HooksSpec; problems: string[] } {
  const p = new Problems();
  const hooks = readHooks(p, 'groups.web.hooks', raw);
  return { hooks, problems: p.list };
}

const VARS: HookVars = { host: 'web-2', address: '10.0.0.2', group: 'web', service: 'shop' };

describe('readHooks', () => {
  test('a command (short or long form) and an HTTP request', () => {
    const { hooks, problems } = read({
      'before-stop': ['/usr/local/bin/lb', 'drain', '{{host}}'],
      'after-healthy': {
        http: {
          url: 'http://lb:9000/servers/{{host}}/ready',
          method: 'PUT',
          headers: { 'X-Addr': '{{address}}' },
          body: '{"group": "{{group}}"}',
          'expect-status': '2xx',
        },
        timeout: '5s',
      },
    });
    expect(problems).toEqual([]);
    expect(hooks).toEqual({
      beforeStop: {
        name: 'before-stop',
        field: 'groups.web.hooks.before-stop',
        action: { kind: 'command', argv: ['/usr/local/bin/lb', 'drain', '{{host}}'] },
        timeoutMs: 30_000,
      },
      afterHealthy: {
        name: 'after-healthy',
        field: 'groups.web.hooks.after-healthy',
        timeoutMs: 5000,
        action: {
          kind: 'http',
          url: 'http://lb:9000/servers/{{host}}/ready',
          method: 'PUT',
          headers: { 'X-Addr': '{{address}}' },
          body: '{"group": "{{group}}"}',
          expectStatus: [200, 299],
        },
      },
    });
    expect(read({ 'before-stop': { command: ['/bin/true'], timeout: '1m' } }).hooks).toEqual({
      beforeStop: {
        name: 'before-stop',
        field: 'groups.web.hooks.before-stop',
        action: { kind: 'command', argv: ['/bin/true'] },
        timeoutMs: 60_000,
      },
    });
    expect(read(undefined)).toEqual({ hooks: undefined, problems: [] });
  });

  test.each<[string, unknown, string]>([
    ['not a mapping', ['x'], 'groups.web.hooks: ["x"] is not a mapping with before-stop and/or after-healthy'],
    [
      'an unknown hook',
      { 'pre-deploy': ['/x'] },
      'groups.web.hooks.pre-deploy: is not a known field (expected one of: before-stop, after-healthy)',
    ],
    [
      'a shell string',
      { 'before-stop': 'lb drain {{host}}' },
      'groups.web.hooks.before-stop: "lb drain {{host}}" is not a list of strings like ["/usr/local/bin/lb-drain", "{{host}}"] (no shell runs it',
    ],
    ['an empty command', { 'before-stop': [] }, 'groups.web.hooks.before-stop: [] is not a list of strings'],
    [
      'an unknown placeholder',
      { 'before-stop': ['/bin/x', '{{hostname}}'] },
      'groups.web.hooks.before-stop[1]: {{hostname}} is not a known placeholder (expected {{host}}, {{address}}, {{group}}, {{service}})',
    ],
    [
      'a program from a placeholder',
      { 'before-stop': ['{{host}}'] },
      'groups.web.hooks.before-stop[0]: the program must not come from a placeholder',
    ],
    [
      'both command and http',
      { 'after-healthy': { command: ['/x'], http: { url: 'http://x' } } },
      'groups.web.hooks.after-healthy: has both command and http',
    ],
    ['neither', { 'after-healthy': { timeout: '1s' } }, 'groups.web.hooks.after-healthy: has neither command nor http'],
    [
      'a bad URL',
      { 'after-healthy': { http: { url: 'lb:9000/x' } } },
      'groups.web.hooks.after-healthy.http.url: "lb:9000/x" is not an http:// or https:// URL',
    ],
    [
      'a bad method',
      { 'after-healthy': { http: { url: 'http://lb', method: 'post' } } },
      'groups.web.hooks.after-healthy.http.method: "post" is not GET, POST, PUT, PATCH, DELETE',
    ],
    [
      'a bad status',
      { 'after-healthy': { http: { url: 'http://lb', 'expect-status': '200-2xx' } } },
      'groups.web.hooks.after-healthy.http.expect-status: "200-2xx" is not a status like 200',
    ],
    [
      'a long timeout',
      { 'before-stop': { command: ['/x'], timeout: '1h' } },
      'groups.web.hooks.before-stop.timeout: "1h" is not a duration of at most 10m',
    ],
    [
      'a typo',
      { 'before-stop': { comand: ['/x'] } },
      'groups.web.hooks.before-stop.comand: is not a known field (did you mean "command"?)',
    ],
  ])('%s', (_t, raw, message) => {
    const { hooks, problems } = read(raw);
    expect(hooks).toBeUndefined();
    expect(problems.join('\n')).toContain(message);
  });

  test('mergeHooks: a group overrides hook by hook', () => {
    const top = read({ 'before-stop': ['/top-drain'], 'after-healthy': ['/top-ready'] }).hooks;
    const group = read({ 'before-stop': ['/group-drain'] }).hooks;
    const merged = mergeHooks(top, group);
    expect((merged.beforeStop!.action as { argv: string[] }).argv).toEqual(['/group-drain']);
    expect((merged.afterHealthy!.action as { argv: string[] }).argv).toEqual(['/top-ready']);
    expect(mergeHooks(undefined, undefined)).toEqual({});
  });
});

describe('runHook: commands', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-hooks-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const hook = (argv: string[], timeoutMs = 5000): HookSpec => ({
    name: 'before-stop',
    field: 'hooks.before-stop',
    action: { kind: 'command', argv },
    timeoutMs,
  });

  test('fills the placeholders inside each argument and passes the AVIARY_ variables', async () => {
    const out = path.join(dir, 'args.json');
    const log = new MemoryLogger();
    const r = await runHook(
      hook([
        process.execPath,
        '-e',
        'require("fs").writeFileSync(process.argv[1], JSON.stringify({argv: process.argv.slice(2), env: [process.env.AVIARY_HOOK, process.env.AVIARY_HOST, process.env.AVIARY_ADDRESS, process.env.AVIARY_GROUP, process.env.AVIARY_SERVICE]})); console.log("drained")',
        out,
        'server={{host}}',
        '{{address}}:8080',
        '{{group}}/{{service}}',
      ]),
      VARS,
      log,
    );
    expect(r).toMatchObject({ ok: true, hook: 'before-stop', host: 'web-2', exitCode: 0, output: 'drained' });
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual({
      argv: ['server=web-2', '10.0.0.2:8080', 'web/shop'],
      env: ['before-stop', 'web-2', '10.0.0.2', 'web', 'shop'],
    });
    expect(log.text).toMatch(/before-stop hook on web-2: \[.*\] done in \d/);
  });

  test('no shell: metacharacters in a value stay one literal argument', async () => {
    const marker = path.join(dir, 'pwned');
    const out = path.join(dir, 'literal.json');
    const r = await runHook(
      hook([
        process.execPath,
        '-e',
        'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)))',
        out,
        '{{host}}',
      ]),
      { ...VARS, host: `x; touch ${marker}; $(touch ${marker})` },
      new MemoryLogger(),
    );
    expect(r.ok).toBe(true);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual([`x; touch ${marker}; $(touch ${marker})`]);
    expect(fs.existsSync(marker)).toBe(false);
  });

  test('a non-zero exit fails with the code and the end of the output', async () => {
    const r = await runHook(
      hook([process.execPath, '-e', 'console.log("one"); console.error("lb: no server web-2"); process.exit(3)']),
      VARS,
      new MemoryLogger(),
    );
    expect(r).toMatchObject({ ok: false, exitCode: 3 });
    expect(r.message).toMatch(
      /^before-stop hook on web-2 failed: \[.*\] exited with code 3 after \S+:\n {2}one\n {2}lb: no server web-2$/,
    );
  });

  test('a program that does not exist, and one that runs too long', async () => {
    expect((await runHook(hook(['/nonexistent/lb-drain']), VARS, new MemoryLogger())).message).toContain(
      'could not start: /nonexistent/lb-drain was not found',
    );
    const t0 = Date.now();
    const r = await runHook(
      hook([process.execPath, '-e', 'setTimeout(() => {}, 60000)'], 300),
      VARS,
      new MemoryLogger(),
    );
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.message).toContain('did not finish within timeout 300ms and was killed');
  });

  test('cancellation stops the program', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const r = await runHook(
      hook([process.execPath, '-e', 'setTimeout(() => {}, 60000)']),
      VARS,
      new MemoryLogger(),
      ac.signal,
    );
    expect(r.ok).toBe(false);
    expect(r.message).toContain('was stopped: the rollout was cancelled');
    expect((await runHook(hook(['/bin/true']), VARS, new MemoryLogger(), ac.signal)).message).toBe(
      'before-stop hook on web-2: not run, the rollout was cancelled',
    );
  });
});

describe('runHook: HTTP', () => {
  let server: http.Server;
  let base: string;
  const seen: Array<{ method?: string; url?: string; header?: string; body: string }> = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, header: req.headers['x-addr'] as string, body });
        if (req.url?.startsWith('/slow')) return void setTimeout(() => res.end('late'), 2000).unref();
        res.statusCode = req.url?.startsWith('/missing') ? 404 : 200;
        res.end(res.statusCode === 200 ? 'ok' : 'no such server');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  const hook = (url: string, timeoutMs = 2000): HookSpec => ({
    name: 'after-healthy',
    field: 'hooks.after-healthy',
    timeoutMs,
    action: {
      kind: 'http',
      url,
      method: 'POST',
      headers: { 'X-Addr': '{{address}}' },
      body: '{"server": "{{host}}"}',
      expectStatus: [200, 299],
    },
  });

  test('fills the URL percent-encoded, the headers and body as written', async () => {
    const r = await runHook(
      hook(`${base}/servers/{{host}}/ready?group={{group}}`),
      { ...VARS, host: 'web 2/x' },
      new MemoryLogger(),
    );
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/servers/web%202%2Fx/ready?group=web',
      header: '10.0.0.2',
      body: '{"server": "web 2/x"}',
    });
  });

  test('an unexpected status or no answer fails with what happened', async () => {
    const r = await runHook(hook(`${base}/missing/{{host}}`), VARS, new MemoryLogger());
    expect(r).toMatchObject({ ok: false, status: 404 });
    expect(r.message).toMatch(
      /^after-healthy hook on web-2 failed: POST http:\/\/127\.0\.0\.1:\d+\/missing\/web-2 answered 404 after \S+, expected 200-299: no such server$/,
    );
    expect((await runHook(hook(`${base}/slow`, 200), VARS, new MemoryLogger())).message).toContain(
      'no answer within 200ms',
    );
  });
});
