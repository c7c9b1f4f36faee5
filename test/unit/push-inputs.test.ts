// The push action's inputs and the pure parts of the registry layer: references, credentials
// from the Docker config, which failures are retried, registry auth challenges.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

jest.mock(
  '@actions/core',
  () => ({
    getInput: (name: string) => process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '',
  }),
  { virtual: true },
);

import { readPushInputs } from '../../src/actions/push/inputs';
import { InputError } from '../../src/errors';
import { MemoryLogger } from '../support/memory-logger';
import { isAuthFailure } from '../../src/push/push';
import { backoffDelay, transientReason, withRetries } from '../../src/registry/retry';
import { dockerConfigPath, resolveRegistryAuth, secretForms } from '../../src/registry/credentials';
import { parseChallenge } from '../../src/registry/client';
import { parseImageRef, referenceProblem, repositoryName } from '../../src/registry/reference';
import { withInputs as withInputsOf } from '../support/action-inputs';

const INPUTS = ['tags', 'registry', 'username', 'password', 'retries'];
function withInputs<T>(values: Record<string, string>, fn: () => T): T {
  return withInputsOf(INPUTS, values, fn);
}
function inputError(values: Record<string, string>): InputError {
  try {
    withInputs(values, readPushInputs);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

describe('push action inputs', () => {
  test('defaults: registry from the first tag, 3 retries, anonymous', () => {
    const s = withInputs({ tags: '10.210.0.2:5000/a/web:1, 10.210.0.2:5000/a/web' }, readPushInputs);
    expect(s).toEqual({
      tags: ['10.210.0.2:5000/a/web:1', '10.210.0.2:5000/a/web:latest'],
      registry: '10.210.0.2:5000',
      username: undefined,
      password: undefined,
      retries: 3,
    });
  });
  test('explicit registry (a URL is reduced to its host), credentials and retries', () => {
    const s = withInputs(
      { tags: 'ghcr.io/acme/web:1', registry: 'https://ghcr.io/', username: 'me', password: 'pw-123', retries: '0' },
      readPushInputs,
    );
    expect(s).toMatchObject({ registry: 'ghcr.io', username: 'me', password: 'pw-123', retries: 0 });
  });
  test.each([
    [{}, 'input tags: is missing (expected at least one image tag to push'],
    [
      { tags: 'acme/Web:1' },
      'input tags: "acme/Web:1" is not an image tag like registry.example.com/acme/web:1.2 (the repository "acme/Web" must be lowercase)',
    ],
    [{ tags: 'acme/web:a b' }, '(it contains whitespace)'],
    [{ tags: 'acme/web:1', retries: '-1' }, 'input retries: "-1" is not a whole number of retries from 0 to 20'],
    [{ tags: 'acme/web:1', retries: 'abc' }, 'input retries: "abc" is not a whole number of retries from 0 to 20'],
    [{ tags: 'acme/web:1', retries: '1.5' }, 'input retries: "1.5" is not a whole number'],
    [{ tags: 'acme/web:1', retries: '99' }, 'input retries: "99" is not a whole number'],
    [{ tags: 'acme/web:1', registry: 'not a host' }, 'input registry: "not a host" is not a registry host'],
    [
      { tags: 'acme/web:1', username: 'me' },
      'input password: is missing (expected the password or token of user "me")',
    ],
    [{ tags: 'acme/web:1', password: 'hunter22' }, 'input username: is missing'],
  ])('%j fails with a message naming the input', (values, expected) => {
    expect(inputError(values).message).toContain(expected);
  });
  test('a password alone is reported without its value', () => {
    expect(inputError({ tags: 'acme/web:1', password: 'hunter22' }).message).not.toContain('hunter22');
  });
});

describe('image references', () => {
  test.each([
    ['10.210.0.2:5000/test/web:v1', { registry: '10.210.0.2:5000', repository: 'test/web', tag: 'v1' }],
    ['localhost:5000/web', { registry: 'localhost:5000', repository: 'web' }],
    ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['acme/web:1.2', { registry: 'docker.io', repository: 'acme/web', tag: '1.2' }],
    [
      'ghcr.io/acme/web@sha256:' + 'b'.repeat(64),
      { registry: 'ghcr.io', repository: 'acme/web', digest: 'sha256:' + 'b'.repeat(64) },
    ],
  ])('%s', (text, expected) => {
    expect(parseImageRef(text)).toMatchObject(expected);
  });
  test('repositoryName is how the engine names it', () => {
    expect(repositoryName(parseImageRef('nginx:1'))).toBe('nginx');
    expect(repositoryName(parseImageRef('10.0.0.1:5000/a/b:1'))).toBe('10.0.0.1:5000/a/b');
  });
  test.each(['', 'UPPER/x', 'a//b', 'a/b:', 'a b', 'a/b:' + 'x'.repeat(129), 'a__-b'])('%j is rejected', (text) => {
    expect(referenceProblem(text)).toBeDefined();
  });
});

describe('credentials', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-docker-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (config: unknown) => fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  test('the config path: $DOCKER_CONFIG, else ~/.docker', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/x' })).toBe('/x/config.json');
    expect(dockerConfigPath({ HOME: '/home/me' })).toBe('/home/me/.docker/config.json');
  });
  test('explicit credentials win and are registered as secrets', () => {
    write({ auths: { 'reg.example.com': { auth: b64('other:pw') } } });
    const log = new MemoryLogger();
    const auth = resolveRegistryAuth(
      'reg.example.com/a/b:1',
      { username: 'me', password: 's3cret-pw' },
      { DOCKER_CONFIG: dir },
      log,
    );
    expect(auth).toEqual({ username: 'me', password: 's3cret-pw', serveraddress: 'reg.example.com' });
    log.info('password is s3cret-pw');
    expect(log.text).not.toContain('s3cret-pw');
  });
  test('docker/login-action config: auths.<registry>.auth (keys with scheme and path too)', () => {
    write({
      auths: {
        'http://10.0.0.2:5001/v2/': { auth: b64('aviary:pa:ss') },
        'https://index.docker.io/v1/': { auth: b64('hub:tok') },
      },
    });
    const log = new MemoryLogger();
    expect(resolveRegistryAuth('10.0.0.2:5001/x/y:1', {}, { DOCKER_CONFIG: dir }, log)).toEqual({
      username: 'aviary',
      password: 'pa:ss',
      serveraddress: '10.0.0.2:5001',
    });
    expect(resolveRegistryAuth('acme/web:1', {}, { DOCKER_CONFIG: dir })).toEqual({
      username: 'hub',
      password: 'tok',
      serveraddress: 'https://index.docker.io/v1/',
    });
    expect(resolveRegistryAuth('other.example.com/x:1', {}, { DOCKER_CONFIG: dir })).toBeUndefined();
    log.info('pa:ss ' + b64('aviary:pa:ss'));
    expect(log.lines.at(-1)).toBe('*** ***');
  });
  test('a credential helper is not run, with a debug line saying so', () => {
    write({ auths: { 'ghcr.io': {} }, credsStore: 'desktop' });
    const log = new MemoryLogger();
    expect(resolveRegistryAuth('ghcr.io/a/b:1', {}, { DOCKER_CONFIG: dir }, log)).toBeUndefined();
    expect(log.text).toMatch(/debug: .*credential helper \(desktop\).*does not run credential helpers/);
  });
  test('no config file, or an unreadable one: anonymous', () => {
    expect(resolveRegistryAuth('a/b:1', {}, { DOCKER_CONFIG: dir })).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'config.json'), '{not json');
    const log = new MemoryLogger();
    expect(resolveRegistryAuth('a/b:1', {}, { DOCKER_CONFIG: dir }, log)).toBeUndefined();
    expect(log.text).toContain('not valid JSON');
  });
  test('secretForms covers what the engine may echo: password, user:pass and the X-Registry-Auth header', () => {
    const auth = { username: 'u', password: 'p4ssword', serveraddress: 'r' };
    const forms = secretForms(auth);
    expect(forms).toContain('p4ssword');
    expect(forms).toContain(b64('u:p4ssword'));
    expect(forms).toContain(b64(JSON.stringify(auth)));
  });
});

describe('retries', () => {
  test.each([
    ['received unexpected HTTP status: 503 Service Unavailable', 'HTTP 503'],
    ['toomanyrequests: retry-after: 1s', 'HTTP 429'],
    ['429 Too Many Requests', 'HTTP 429'],
    ['Put "http://r/v2/x/blobs/uploads/1": EOF', 'connection dropped'],
    ['read tcp 1.2.3.4:5->6.7.8.9:10: read: connection reset by peer', 'connection dropped'],
    ['write: broken pipe', 'connection dropped'],
    ['socket hang up', 'connection dropped'],
    ['net/http: TLS handshake timeout', 'connection dropped'],
    ['status code 502', 'HTTP 502'],
  ])('%s is transient (%s)', (message, reason) => {
    expect(transientReason(new Error(message))).toBe(reason);
  });
  test.each([
    'unauthorized: authentication required',
    'denied: requested access to the resource is denied',
    'name unknown: repository name not known to registry',
    'manifest blob unknown: sha256:5030abc',
    'size: 503',
  ])('%s is not transient', (message) => {
    expect(transientReason(new Error(message))).toBeUndefined();
  });
  test('error codes and statuses on error objects', () => {
    expect(transientReason(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toMatch(/ECONNRESET/);
    expect(transientReason(Object.assign(new Error('x'), { statusCode: 502 }))).toBe('HTTP 502');
    expect(transientReason(Object.assign(new Error('x'), { statusCode: 404 }))).toBeUndefined();
  });
  test('backoff doubles from the base, capped, ±20%', () => {
    const p = { retries: 5, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect(backoffDelay(p, 1, () => 0.5)).toBe(1000);
    expect(backoffDelay(p, 2, () => 0.5)).toBe(2000);
    expect(backoffDelay(p, 3, () => 0.5)).toBe(4000);
    expect(backoffDelay(p, 4, () => 0.5)).toBe(5000);
    expect(backoffDelay(p, 1, () => 0)).toBe(800);
    expect(backoffDelay(p, 1, () => 1)).toBe(1200);
  });
  test('withRetries retries transient failures only, up to the limit', async () => {
    const slept: number[] = [];
    const policy = {
      retries: 2,
      baseDelayMs: 10,
      sleep: async (ms: number) => {
        slept.push(ms);
      },
    };
    const log = new MemoryLogger();
    let calls = 0;
    await expect(
      withRetries('push x', policy, log, async () => {
        calls++;
        throw new Error('503 Service Unavailable');
      }),
    ).rejects.toThrow('503');
    expect(calls).toBe(3);
    expect(slept).toHaveLength(2);
    expect(log.text).toContain('push x failed (HTTP 503: 503 Service Unavailable); retry 1/2');
    calls = 0;
    await expect(
      withRetries('push x', policy, log, async () => {
        calls++;
        throw new Error('unauthorized');
      }),
    ).rejects.toThrow('unauthorized');
    expect(calls).toBe(1);
    calls = 0;
    expect(
      await withRetries('push x', policy, log, async () => {
        if (++calls < 2) throw new Error('socket hang up');
        return 'ok';
      }),
    ).toBe('ok');
  });
  test('auth failures are recognised', () => {
    expect(isAuthFailure('unauthorized: authentication required')).toBe(true);
    expect(isAuthFailure('denied: requested access to the resource is denied')).toBe(true);
    expect(isAuthFailure('received unexpected HTTP status: 503 Service Unavailable')).toBe(false);
  });
});

describe('registry protocol details', () => {
  test('WWW-Authenticate challenges', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/nginx:pull',
      },
    });
    expect(parseChallenge('Basic realm="aviary-registry"')).toEqual({
      scheme: 'basic',
      params: { realm: 'aviary-registry' },
    });
    expect(parseChallenge(undefined)).toBeUndefined();
  });
});
