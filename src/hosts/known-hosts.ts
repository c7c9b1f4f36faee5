// SSH host key verification against OpenSSH known_hosts text, so that a deploy never talks to an impostor.
import { createHash, createHmac } from 'node:crypto';

export interface KnownKey {
  type: string; // ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256…
  blob: string; // base64 of the public key in SSH wire format, as known_hosts writes it
  revoked: boolean;
}

/** What the host verifier decided, with the facts a user needs to fix a mismatch. */
export type HostKeyVerdict =
  { ok: true; type: string; fingerprint: string } | { ok: false; type: string; fingerprint: string; reason: string };

/**
 * The keys known_hosts holds for host:port. Plain, wildcard (`*`, `?`), negated (`!`) and hashed
 * (`|1|salt|hash`) host patterns are understood; port 22 is written bare, any other as `[host]:port`.
 * @cert-authority lines are skipped: aviary does not verify host certificates.
 */
export function knownKeysFor(knownHosts: string, host: string, port: number): KnownKey[] {
  const names = port === 22 ? [host, `[${host}]:22`] : [`[${host}]:${port}`];
  const keys: KnownKey[] = [];
  for (const raw of knownHosts.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker = '';
    if (fields[0].startsWith('@')) marker = fields.shift()!;
    if (marker === '@cert-authority' || fields.length < 3) continue;
    const [patterns, type, blob] = fields;
    if (matchesHost(patterns, names)) keys.push({ type, blob, revoked: marker === '@revoked' });
  }
  return keys;
}

function matchesHost(patterns: string, names: string[]): boolean {
  let matched = false;
  for (const pattern of patterns.split(',')) {
    if (pattern.startsWith('|1|')) {
      if (names.some((n) => hashedMatches(pattern, n))) matched = true;
      continue;
    }
    const negated = pattern.startsWith('!');
    const glob = negated ? pattern.slice(1) : pattern;
    if (names.some((n) => globMatches(glob.toLowerCase(), n.toLowerCase()))) {
      if (negated) return false; // a negated match excludes the host whatever else matches
      matched = true;
    }
  }
  return matched;
}

function hashedMatches(pattern: string, name: string): boolean {
  const [, , salt, hash] = pattern.split('|');
  if (!salt || !hash) return false;
  const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
  return digest === hash;
}

function globMatches(glob: string, name: string): boolean {
  if (!/[*?]/.test(glob)) return glob === name;
  const re = new RegExp(
    '^' +
      glob
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
  );
  return re.test(name);
}

/** OpenSSH's fingerprint of a public key blob: `SHA256:` and unpadded base64 of its SHA-256. */
export function fingerprint(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

/** The key type written at the start of an SSH wire-format public key (a length-prefixed string). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const len = blob.readUInt32BE(0);
  if (len <= 0 || len > 64 || blob.length < 4 + len) return 'unknown';
  return blob.subarray(4, 4 + len).toString('latin1');
}

/** Decides whether the key a server offered is the one known_hosts holds for it. */
export function verifyHostKey(offered: Buffer, known: KnownKey[], hostLabel: string): HostKeyVerdict {
  const type = keyTypeOf(offered);
  const fp = fingerprint(offered);
  const b64 = offered.toString('base64');
  const same = (k: KnownKey) => k.blob === b64;
  if (known.some((k) => k.revoked && same(k))) {
    return {
      ok: false,
      type,
      fingerprint: fp,
      reason: `SSH host key of ${hostLabel} is marked @revoked in known_hosts (${type} ${fp})`,
    };
  }
  const valid = known.filter((k) => !k.revoked);
  if (valid.some(same)) return { ok: true, type, fingerprint: fp };
  if (valid.length === 0) {
    return {
      ok: false,
      type,
      fingerprint: fp,
      reason: `SSH host ${hostLabel} is not in known_hosts; it offered ${type} ${fp}`,
    };
  }
  const expected = valid.map((k) => `${k.type} ${fingerprintOfBase64(k.blob)}`).join(', ');
  return {
    ok: false,
    type,
    fingerprint: fp,
    reason: `SSH host key of ${hostLabel} does not match known_hosts: it offered ${type} ${fp}, known_hosts has ${expected}`,
  };
}

function fingerprintOfBase64(blob: string): string {
  try {
    return fingerprint(Buffer.from(blob, 'base64'));
  } catch {
    return 'an unreadable key';
  }
}

// ssh2 names host key algorithms, known_hosts names key types; RSA keys sign with several algorithms.
const ALGORITHMS_OF_TYPE: Record<string, string[]> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};
const DEFAULT_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/**
 * Host key algorithms to offer, those of the known keys first (as OpenSSH does), so that a server
 * holding several keys presents the one known_hosts can verify rather than its own first choice.
 */
export function hostKeyAlgorithms(known: KnownKey[]): string[] {
  const first: string[] = [];
  for (const k of known) {
    if (k.revoked) continue;
    for (const alg of ALGORITHMS_OF_TYPE[k.type] ?? [k.type]) {
      if (DEFAULT_HOST_KEY_ALGORITHMS.includes(alg) && !first.includes(alg)) first.push(alg);
    }
  }
  return [...first, ...DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => !first.includes(a))];
}
