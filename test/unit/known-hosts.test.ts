// known_hosts parsing and host key verification: plain, [host]:port, hashed, wildcard and negated
// patterns, @revoked, and the fingerprint OpenSSH prints.
import { createHash, createHmac, generateKeyPairSync } from 'node:crypto';
import { fingerprint, hostKeyAlgorithms, keyTypeOf, knownKeysFor, verifyHostKey } from '../../src/hosts/known-hosts';

/** An ed25519 public key in SSH wire format, as a server offers it. */
function ed25519Blob(): Buffer {
  const der = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' });
  const raw = der.subarray(der.length - 32);
  const str = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  };
  return Buffer.concat([str(Buffer.from('ssh-ed25519')), str(raw)]);
}

const a = ed25519Blob();
const b = ed25519Blob();
const line = (hosts: string, blob: Buffer, type = 'ssh-ed25519') =>
  `${hosts} ${type} ${blob.toString('base64')} comment`;

test('keyTypeOf and fingerprint match OpenSSH', () => {
  expect(keyTypeOf(a)).toBe('ssh-ed25519');
  expect(fingerprint(a)).toBe('SHA256:' + createHash('sha256').update(a).digest('base64').replace(/=+$/, ''));
  expect(fingerprint(a)).not.toMatch(/=$/);
});

test('plain names, several names per line, comments and blank lines', () => {
  const text = ['# fleet', '', line('web-1,10.0.0.1', a), line('web-2', b)].join('\n');
  expect(knownKeysFor(text, '10.0.0.1', 22).map((k) => k.blob)).toEqual([a.toString('base64')]);
  expect(knownKeysFor(text, 'web-2', 22)).toHaveLength(1);
  expect(knownKeysFor(text, 'web-3', 22)).toEqual([]);
});

test('a non-default port is written [host]:port', () => {
  const text = [line('10.0.0.1', a), line('[10.0.0.1]:2222', b)].join('\n');
  expect(knownKeysFor(text, '10.0.0.1', 2222).map((k) => k.blob)).toEqual([b.toString('base64')]);
  expect(knownKeysFor(text, '10.0.0.1', 22).map((k) => k.blob)).toEqual([a.toString('base64')]);
});

test('hashed host names (HashKnownHosts yes)', () => {
  const salt = Buffer.from('0123456789abcdefghij');
  const hash = createHmac('sha1', salt).update('web-1.example.com').digest('base64');
  const text = line(`|1|${salt.toString('base64')}|${hash}`, a);
  expect(knownKeysFor(text, 'web-1.example.com', 22)).toHaveLength(1);
  expect(knownKeysFor(text, 'web-2.example.com', 22)).toHaveLength(0);
});

test('wildcards and negation', () => {
  const text = line('*.example.com,!db.example.com', a);
  expect(knownKeysFor(text, 'web-1.example.com', 22)).toHaveLength(1);
  expect(knownKeysFor(text, 'db.example.com', 22)).toHaveLength(0);
  expect(knownKeysFor(line('10.0.0.?', a), '10.0.0.7', 22)).toHaveLength(1);
});

test('verify: match, mismatch, unknown host, revoked', () => {
  const known = knownKeysFor(line('h1', a), 'h1', 22);
  expect(verifyHostKey(a, known, 'h1 (root@h1)')).toEqual({
    ok: true,
    type: 'ssh-ed25519',
    fingerprint: fingerprint(a),
  });
  expect(verifyHostKey(b, known, 'h1 (root@h1)')).toEqual({
    ok: false,
    type: 'ssh-ed25519',
    fingerprint: fingerprint(b),
    reason: `SSH host key of h1 (root@h1) does not match known_hosts: it offered ssh-ed25519 ${fingerprint(b)}, known_hosts has ssh-ed25519 ${fingerprint(a)}`,
  });
  expect(verifyHostKey(a, [], 'h9 (root@h9)')).toMatchObject({
    ok: false,
    reason: `SSH host h9 (root@h9) is not in known_hosts; it offered ssh-ed25519 ${fingerprint(a)}`,
  });
  const revoked = knownKeysFor(['@revoked ' + line('*', a), line('h1', a)].join('\n'), 'h1', 22);
  expect(verifyHostKey(a, revoked, 'h1')).toMatchObject({ ok: false, reason: expect.stringContaining('@revoked') });
  expect(knownKeysFor('@cert-authority ' + line('*', a), 'h1', 22)).toEqual([]);
});

test('host key algorithms: the known types first', () => {
  expect(hostKeyAlgorithms([])[0]).toBe('ssh-ed25519');
  const rsa = hostKeyAlgorithms([{ type: 'ssh-rsa', blob: '', revoked: false }]);
  expect(rsa.slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
  expect(new Set(rsa).size).toBe(rsa.length);
  expect(hostKeyAlgorithms([{ type: 'ecdsa-sha2-nistp256', blob: '', revoked: false }])[0]).toBe('ecdsa-sha2-nistp256');
});
