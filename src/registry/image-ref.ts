// Docker image references (registry[:port]/path[:tag][@sha256:…]) and how a deploy input completes one.
import { parseImageRef as parseReference, referenceProblem } from './reference';

export interface ImageRef {
  repository: string; // registry[:port]/path, as written
  tag?: string;
  digest?: string; // sha256:<64 hex>
}

// The grammar is registry/reference's (that of github.com/distribution/reference); the file and the
// deploy input take sha256 digests only, and keep the repository as written (registry included).
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

export const IMAGE_EXPECTED =
  'an image reference like "registry.example.com/acme/web" or "registry.example.com/acme/web:v2" (lowercase repository, no spaces)';

export function isTag(s: string): boolean {
  return TAG.test(s);
}
export function isDigest(s: string): boolean {
  return DIGEST.test(s);
}

/** The parts of a reference, or undefined when it is not one Docker would accept. */
export function parseImageRef(text: string): ImageRef | undefined {
  if (text.length > 512 || referenceProblem(text, { allowDigest: true })) return undefined;
  const { tag, digest } = parseReference(text);
  if (digest !== undefined && !DIGEST.test(digest)) return undefined;
  const named = digest === undefined ? text : text.slice(0, text.indexOf('@'));
  return { repository: tag === undefined ? named : named.slice(0, -(tag.length + 1)), tag, digest };
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
    case 'ref':
      return input.ref;
    case 'tag':
      return { repository: file.repository, tag: input.tag };
    case 'digest':
      return { repository: file.repository, digest: input.digest };
    default:
      return file;
  }
}
