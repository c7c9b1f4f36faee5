// The registry client's protocol paths the fleet's registries do not exercise: a Bearer token
// service (as Docker Hub and GHCR use), a HEAD without Docker-Content-Digest, refused tokens.
// A small registry stand-in on 127.0.0.1 plays the other side.
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { MemoryLogger } from '../support/memory-logger';
import { RegistryClient } from '../../src/registry/client';

const MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  layers: [],
});
const DIGEST = `sha256:${createHash('sha256').update(MANIFEST).digest('hex')}`;

interface Fake {
  host: string;
  requests: string[];
  close(): Promise<void>;
}

async function fakeRegistry(options: { digestOnHead: boolean; user: string; password: string }): Promise<Fake> {
  const requests: string[] = [];
  let host = '';
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/token') {
      const expected = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
      if (
        req.headers.authorization !== expected ||
        url.searchParams.get('scope') !== 'repository:acme/web:pull' ||
        url.searchParams.get('service') !== 'fake'
      ) {
        res.writeHead(401, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] }));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ access_token: 'tok-123456' }));
    }
    if (req.headers.authorization !== 'Bearer tok-123456') {
      res.writeHead(401, {
        'www-authenticate': `Bearer realm="http://${host}/token",service="fake",scope="repository:acme/web:pull"`,
      });
      return res.end();
    }
    if (url.pathname !== '/v2/acme/web/manifests/1.0') {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }));
    }
    const headers: Record<string, string> = {
      'content-type': 'application/vnd.oci.image.manifest.v1+json',
      'content-length': String(MANIFEST.length),
    };
    if (options.digestOnHead || req.method === 'GET') headers['docker-content-digest'] = DIGEST;
    // Hashing the body is how a client checks a digest: without the header on GET, it must.
    if (req.method === 'GET' && !options.digestOnHead) delete headers['docker-content-digest'];
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : MANIFEST);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('Bearer: a token from the realm with the credentials, then the digest from HEAD', async () => {
  const fake = await fakeRegistry({ digestOnHead: true, user: 'me', password: 'pw-secret' });
  try {
    const log = new MemoryLogger();
    const client = new RegistryClient(fake.host, {
      credentials: { username: 'me', password: 'pw-secret' },
      insecure: true,
      log,
    });
    expect(await client.manifest({ registry: fake.host, repository: 'acme/web', tag: '1.0' })).toEqual({
      digest: DIGEST,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
    });
    expect(fake.requests.map((r) => r.split(' ').slice(0, 2).join(' '))).toEqual([
      'HEAD /v2/acme/web/manifests/1.0',
      'GET /token?service=fake&scope=repository%3Aacme%2Fweb%3Apull',
      'HEAD /v2/acme/web/manifests/1.0',
    ]);
    // The token is a secret too.
    log.info('token tok-123456');
    expect(log.lines.at(-1)).toBe('token ***');
    // Later requests reuse it.
    await client.manifest({ registry: fake.host, repository: 'acme/web', tag: '1.0' });
    expect(fake.requests).toHaveLength(4);
  } finally {
    await fake.close();
  }
});

test('no digest on HEAD: GET the manifest and hash it', async () => {
  const fake = await fakeRegistry({ digestOnHead: false, user: 'me', password: 'pw' });
  try {
    const client = new RegistryClient(fake.host, {
      credentials: { username: 'me', password: 'pw' },
      insecure: true,
      log: new MemoryLogger(),
    });
    expect((await client.manifest({ registry: fake.host, repository: 'acme/web', tag: '1.0' })).digest).toBe(DIGEST);
  } finally {
    await fake.close();
  }
});

test('a refused token and a missing tag: clear errors, no password', async () => {
  const fake = await fakeRegistry({ digestOnHead: true, user: 'me', password: 'right' });
  try {
    const wrong = new RegistryClient(fake.host, {
      credentials: { username: 'me', password: 'wrong-pw-42' },
      insecure: true,
      log: new MemoryLogger(),
    });
    const err = await wrong.manifest({ registry: fake.host, repository: 'acme/web', tag: '1.0' }).catch((e) => e);
    expect(err.message).toBe(
      `the token service ${fake.host} of ${fake.host} refused user "me" (HTTP 401): UNAUTHORIZED: bad credentials`,
    );
    const right = new RegistryClient(fake.host, {
      credentials: { username: 'me', password: 'right' },
      insecure: true,
      log: new MemoryLogger(),
    });
    await expect(right.manifest({ registry: fake.host, repository: 'acme/web', tag: '2.0' })).rejects.toThrow(
      `the registry ${fake.host} has no manifest for acme/web:2.0`,
    );
  } finally {
    await fake.close();
  }
});

test('a secure registry is not downgraded to http', async () => {
  const fake = await fakeRegistry({ digestOnHead: true, user: 'me', password: 'pw' });
  try {
    const client = new RegistryClient(fake.host, {
      insecure: false,
      log: new MemoryLogger(),
      retry: { retries: 0, baseDelayMs: 1 },
    });
    await expect(client.manifest({ registry: fake.host, repository: 'acme/web', tag: '1.0' })).rejects.toThrow();
    expect(fake.requests).toEqual([]);
  } finally {
    await fake.close();
  }
});
