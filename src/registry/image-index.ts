// Multi-platform images made from single-platform pushes: reads each source manifest and its
// platform, makes the manifests reachable in the target repository (cross-repository blob mounts),
// and writes one OCI image index under every tag — what `docker buildx imagetools create` does.
import { createHash } from 'node:crypto';
import { RunError } from '../errors';
import { Logger } from '../log';
import { HttpResponse, MANIFEST_ACCEPT, RegistryClient } from './client';
import { ImageRef } from './reference';

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const INDEX_TYPES = [OCI_INDEX, 'application/vnd.docker.distribution.manifest.list.v2+json'];

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  'os.version'?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
}

/** One image manifest as the registry holds it, with what the index needs to point at it. */
export interface SourceManifest {
  ref: ImageRef;
  descriptor: Descriptor;
  /** The manifest's exact bytes: its digest is their hash, so they are copied unchanged. */
  body: Buffer;
  /** Config and layers: what the target repository needs before the manifest can go in. */
  blobs: string[];
}

interface ManifestJson {
  mediaType?: string;
  config?: { digest: string; mediaType?: string };
  layers?: Array<{ digest: string; urls?: string[] }>;
  manifests?: Descriptor[];
}

export function platformName(p: Platform | undefined): string {
  return p ? [p.os, p.architecture, p.variant].filter(Boolean).join('/') : 'unknown';
}

function digestOf(body: Buffer): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function failed(what: string, res: HttpResponse): RunError {
  const text = res.body.toString('utf8').slice(0, 300).trim();
  const why =
    res.status === 401 || res.status === 403
      ? ' — the registry refused the credentials (give username and password, or log in with docker/login-action first)'
      : '';
  return new RunError(`${what}: HTTP ${res.status}${why}${text ? `: ${text}` : ''}`);
}

/** Reads a source (by digest or tag): one image manifest, or every image of an index it names. */
export async function readSource(client: RegistryClient, ref: ImageRef): Promise<SourceManifest[]> {
  const reference = ref.digest ?? ref.tag ?? 'latest';
  const name = `${ref.registry}/${ref.repository}${ref.digest ? '@' : ':'}${reference}`;
  const res = await client.call('GET', `/v2/${ref.repository}/manifests/${reference}`, ref.repository, {
    headers: { accept: MANIFEST_ACCEPT },
  });
  if (res.status === 404) throw new RunError(`merge: the registry has no manifest for ${name} (was it pushed?)`);
  if (res.status !== 200) throw failed(`merge: reading the manifest of ${name}`, res);
  const digest = digestOf(res.body);
  if (ref.digest && ref.digest !== digest)
    throw new RunError(`merge: the registry returned a manifest whose digest ${digest} is not ${ref.digest}`);
  const manifest = JSON.parse(res.body.toString('utf8')) as ManifestJson;
  const mediaType = manifest.mediaType ?? header(res, 'content-type') ?? '';
  if (INDEX_TYPES.includes(mediaType) || manifest.manifests) {
    // An index among the sources: its images join the new index (attestations are left out).
    const images = (manifest.manifests ?? []).filter((d) => d.platform && d.platform.os !== 'unknown');
    const out: SourceManifest[] = [];
    for (const d of images) out.push(...(await readSource(client, { ...ref, tag: undefined, digest: d.digest })));
    return out;
  }
  if (!manifest.config)
    throw new RunError(`merge: ${name} is neither an image manifest nor an index (media type ${mediaType || 'none'})`);
  const config = await client.call('GET', `/v2/${ref.repository}/blobs/${manifest.config.digest}`, ref.repository);
  if (config.status !== 200) throw failed(`merge: reading the image config of ${name}`, config);
  const image = JSON.parse(config.body.toString('utf8')) as {
    os?: string;
    architecture?: string;
    variant?: string;
    'os.version'?: string;
  };
  if (!image.os || !image.architecture)
    throw new RunError(`merge: the image config of ${name} names no os/architecture`);
  const platform: Platform = { architecture: image.architecture, os: image.os };
  if (image.variant) platform.variant = image.variant;
  if (image['os.version']) platform['os.version'] = image['os.version'];
  return [
    {
      ref,
      descriptor: { mediaType, digest, size: res.body.length, platform },
      body: res.body,
      // Foreign layers (urls) are not stored in the registry: they need no mount.
      blobs: [manifest.config.digest, ...(manifest.layers ?? []).filter((l) => !l.urls?.length).map((l) => l.digest)],
    },
  ];
}

/** The index document: one descriptor per platform, in the order of the sources. */
export function imageIndex(sources: SourceManifest[], annotations: Record<string, string> = {}): Buffer {
  const seen = new Map<string, string>();
  for (const s of sources) {
    const key = platformName(s.descriptor.platform);
    const earlier = seen.get(key);
    if (earlier && earlier !== s.descriptor.digest) {
      throw new RunError(
        `merge: two sources are both ${key} (${earlier} and ${s.descriptor.digest}): give one image per platform`,
      );
    }
    seen.set(key, s.descriptor.digest);
  }
  const unique = sources.filter((s, i) => sources.findIndex((o) => o.descriptor.digest === s.descriptor.digest) === i);
  const index: Record<string, unknown> = {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: unique.map((s) => s.descriptor),
  };
  if (Object.keys(annotations).length) index.annotations = annotations;
  return Buffer.from(JSON.stringify(index));
}

/** Makes `source`'s manifest exist in `repository`: mounts its blobs from the source repository, then copies the manifest. */
export async function copyManifest(
  client: RegistryClient,
  source: SourceManifest,
  repository: string,
  log: Logger,
): Promise<void> {
  const path = `/v2/${repository}/manifests/${source.descriptor.digest}`;
  const head = await client.call('HEAD', path, repository, { push: true });
  if (head.status === 200) return;
  for (const blob of source.blobs) {
    const has = await client.call('HEAD', `/v2/${repository}/blobs/${blob}`, repository, { push: true });
    if (has.status === 200) continue;
    const mount = await client.call(
      'POST',
      `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(blob)}&from=${encodeURIComponent(source.ref.repository)}`,
      repository,
      { push: true, headers: { 'content-length': '0' } },
    );
    if (mount.status === 201) continue;
    if (mount.status !== 202)
      throw failed(`merge: mounting ${blob} from ${source.ref.repository} into ${repository}`, mount);
    // The registry would not mount (another storage, or no read access): copy the blob through us.
    log.debug(`merge: ${source.ref.registry} did not mount ${blob}; copying it`);
    const data = await client.call('GET', `/v2/${source.ref.repository}/blobs/${blob}`, source.ref.repository);
    if (data.status !== 200) throw failed(`merge: reading ${blob} of ${source.ref.repository}`, data);
    const location = header(mount, 'location');
    if (!location) throw new RunError(`merge: the registry started an upload into ${repository} without a Location`);
    const put = `${location}${location.includes('?') ? '&' : '?'}digest=${encodeURIComponent(blob)}`;
    const done = await client.call('PUT', put, repository, {
      push: true,
      body: data.body,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(data.body.length) },
    });
    if (done.status !== 201) throw failed(`merge: uploading ${blob} into ${repository}`, done);
  }
  const put = await client.call('PUT', path, repository, {
    push: true,
    body: source.body,
    headers: { 'content-type': source.descriptor.mediaType, 'content-length': String(source.body.length) },
  });
  if (put.status !== 201)
    throw failed(`merge: copying the ${platformName(source.descriptor.platform)} manifest into ${repository}`, put);
}

/** Writes the index under `reference` (a tag) of `repository`; returns the digest the registry holds. */
export async function putIndex(
  client: RegistryClient,
  repository: string,
  reference: string,
  index: Buffer,
): Promise<string> {
  const res = await client.call('PUT', `/v2/${repository}/manifests/${reference}`, repository, {
    push: true,
    body: index,
    headers: { 'content-type': OCI_INDEX, 'content-length': String(index.length) },
  });
  if (res.status !== 201) throw failed(`merge: writing the index to ${repository}:${reference}`, res);
  const digest = digestOf(index);
  const held = header(res, 'docker-content-digest');
  if (held && held !== digest)
    throw new RunError(
      `merge: the registry holds ${repository}:${reference} as ${held}, not the index written (${digest})`,
    );
  return digest;
}
