// Docker image references (registry[:port]/path[:tag][@sha256:…]) and how a deploy input completes one.

export interface ImageRef {
  repository: string;   // registry[:port]/path, as written
  tag?: string;
  digest?: string;      // sha256:<64 hex>
}

// The grammar of github.com/distribution/reference, narrowed to sha256 digests.
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]{1,5})?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

export const IMAGE_EXPECTED = 'an image reference like "registry.example.com/acme/web" or "registry.example.com/acme/web:v2" (lowercase repository, no spaces)';

export function isTag(s: string): boolean { return TAG.test(s); }
export function isDigest(s: string): boolean { return DIGEST.test(s); }

/** The parts of a reference, or undefined when it is not one Docker would accept. */
export function parseImageRef(text: string): ImageRef | undefined {
  if (text.length > 512) return undefined;
  let rest = text;
  let digest: string | undefined;
  const atSign = rest.indexOf('@');
  if (atSign >= 0) {
    digest = rest.slice(atSign + 1);
    rest = rest.slice(0, atSign);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/') && colon > rest.lastIndexOf(']')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  if (rest.length === 0 || rest.length > 255) return undefined;
  const parts = rest.split('/');
  // Like Docker: the first part names a registry only when it looks like a host (a dot, a port, localhost).
  const first = parts[0];
  const hasDomain = parts.length > 1 && (/[.:]/.test(first) || first === 'localhost' || first.startsWith('['));
  if (hasDomain && !DOMAIN.test(first)) return undefined;
  const path = hasDomain ? parts.slice(1) : parts;
  if (path.length === 0 || !path.every((c) => PATH_COMPONENT.test(c))) return undefined;
  return { repository: rest, tag, digest };
}

export function formatImageRef(ref: ImageRef): string {
  return ref.repository + (ref.tag ? `:${ref.tag}` : '') + (ref.digest ? `@${ref.digest}` : '');
}

/** What a deploy input `image` is: a whole reference, just a tag, or just a digest. */
export type ImageInput =
  | { kind: 'ref'; ref: ImageRef }
  | { kind: 'tag'; tag: string }
  | { kind: 'digest'; digest: string }
  | { kind: 'invalid' };

/**
 * A bare word (no "/", ":" or "@") is a tag, as `v2` or `sha-1a2b3c4`; `sha256:…` or `@sha256:…`
 * is a digest; anything else must be a whole reference.
 */
export function parseImageInput(text: string): ImageInput {
  const s = text.trim();
  const digest = s.startsWith('@') ? s.slice(1) : s;
  if (/^sha256:/.test(digest)) return DIGEST.test(digest) ? { kind: 'digest', digest } : { kind: 'invalid' };
  if (!/[/:@]/.test(s)) return TAG.test(s) ? { kind: 'tag', tag: s } : { kind: 'invalid' };
  const ref = parseImageRef(s);
  return ref ? { kind: 'ref', ref } : { kind: 'invalid' };
}

/** The file's repository with the input's tag or digest (a digest pins it: the file's tag is dropped). */
export function completeImage(file: ImageRef, input: ImageInput): ImageRef {
  switch (input.kind) {
    case 'ref': return input.ref;
    case 'tag': return { repository: file.repository, tag: input.tag };
    case 'digest': return { repository: file.repository, digest: input.digest };
    default: return file;
  }
}
