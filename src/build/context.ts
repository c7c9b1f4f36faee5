// The build context as the docker CLI sends it: a tar of the folder minus what .dockerignore
// excludes, with the Dockerfile and .dockerignore always included and a Dockerfile from outside
// the folder added under a private name.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore from '@balena/dockerignore';
import * as tar from 'tar-fs';

export interface BuildContext {
  stream: NodeJS.ReadableStream;
  /** The Dockerfile's path inside the tar, for the engine's `dockerfile` parameter. */
  dockerfile: string;
  /** The .dockerignore patterns in effect (for the log). */
  ignored: string[];
}

/** The patterns of `<context>/.dockerignore`, comments and blank lines dropped. */
export function readDockerignore(context: string): string[] {
  let text: string;
  try {
    text = readFileSync(`${context}/.dockerignore`, 'utf8');
  } catch {
    return [];
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** A predicate over paths relative to the context (with "/"): true when the path is left out. */
export function contextFilter(patterns: string[], dockerfile: string | undefined): (relPath: string) => boolean {
  // As the docker CLI does: the Dockerfile and .dockerignore go to the engine even when excluded.
  const keep = new Set(['.dockerignore', ...(dockerfile ? [dockerfile] : [])]);
  const ig = ignore().add(patterns);
  return (relPath: string) => relPath !== '' && !keep.has(relPath) && ig.ignores(relPath);
}

/** Packs the context folder for the engine's /build endpoint. */
export function packContext(context: string, dockerfilePath: string): BuildContext {
  const patterns = readDockerignore(context);
  const rel = relative(context, dockerfilePath).split(sep).join('/');
  const inside = !rel.startsWith('../') && rel !== '..';
  // Named after its content (the docker CLI uses a random name): an unchanged Dockerfile then
  // leaves the rewritten .dockerignore unchanged, and with it the cache of COPY . steps.
  const dockerfile = inside
    ? rel
    : `.dockerfile.${createHash('sha256').update(readFileSync(dockerfilePath)).digest('hex').slice(0, 20)}`;
  const excluded = contextFilter(patterns, inside ? rel : undefined);
  // An excluded folder is skipped whole unless an exception (!pattern) may bring part of it back.
  const hasExceptions = patterns.some((p) => p.startsWith('!'));
  const isExcluded = (name: string) => {
    const path = relative(context, name).split(sep).join('/');
    // A Dockerfile from outside comes with a rewritten .dockerignore, added at the end.
    if (!inside && path === '.dockerignore') return true;
    if (!excluded(path)) return false;
    if (!hasExceptions) return true;
    try {
      return !statSync(name).isDirectory();
    } catch {
      return true;
    }
  };
  const stream = tar.pack(context, {
    // The folder's entries rather than ".": the docker CLI sends no entry for the root itself.
    entries: readdirSync(context).filter((name) => !isExcluded(join(context, name))),
    // umask 0: file modes go to the engine unchanged, as the docker CLI sends them.
    umask: 0,
    finalize: inside,
    ignore: isExcluded,
    // Headers as the docker CLI writes them (owner 0:0, no user names, folders ending in "/"): the
    // legacy builder hashes the headers of COPY sources, so any difference would split the cache.
    map: (header) => ({
      ...header,
      name: header.type === 'directory' && !header.name.endsWith('/') ? `${header.name}/` : header.name,
      uid: 0,
      gid: 0,
      uname: '',
      gname: '',
    }),
    // As the docker CLI does: the outside Dockerfile goes in under a private name that the
    // .dockerignore lists, so the engine drops it from the context once it has read it and
    // COPY . neither sees it nor loses its cache over it.
    finish: inside
      ? undefined
      : (pack) => {
          const content = readFileSync(dockerfilePath);
          const ignore = Buffer.from(`${readFileOr(`${context}/.dockerignore`)}\n${dockerfile}\n`);
          pack.entry(
            { name: '.dockerignore', size: ignore.length, mode: 0o644, mtime: new Date(0), uid: 0, gid: 0 },
            ignore,
          );
          pack.entry(
            { name: dockerfile, size: content.length, mode: 0o600, mtime: new Date(), uid: 0, gid: 0 },
            content,
          );
          pack.finalize();
        },
  } as tar.PackOptions);
  return { stream: stream as unknown as NodeJS.ReadableStream, dockerfile, ignored: patterns };
}

function readFileOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
