// A build's settings, validated from raw inputs or flags: every problem is reported at once, each
// naming the input (or flag) and what was expected. Pure except for checking that paths exist.
import { statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { Problems } from '../errors';
import { referenceProblem, withExplicitTag } from '../registry/reference';

const DEFAULT_DOCKERFILE = 'Dockerfile';

export interface BuildSettings {
  /** Absolute path of the context folder. */
  context: string;
  /** Absolute path of the Dockerfile (inside the context or not). */
  file: string;
  /** Explicit tags; empty means the default tags derived from `image` and the GitHub context. */
  tags: string[];
  /** Repository for the default tags; only used when `tags` is empty. */
  image?: string;
  labels: Record<string, string>;
  buildArgs: Record<string, string>;
  target?: string;
  pull: boolean;
  noCache: boolean;
}

/** The raw values, as the action's inputs or the CLI's flags give them. */
export interface RawBuildSettings {
  context: string;
  file: string;
  tags: string[];
  image: string;
  labels: string[];
  buildArgs: string[];
  target: string;
  pull: boolean;
  noCache: boolean;
}

/** How each setting is called where the user wrote it: `input build-args` or `--build-arg`. */
export type FieldNames = Record<keyof RawBuildSettings, string>;

export const INPUT_NAMES: FieldNames = {
  context: 'input context', file: 'input file', tags: 'input tags', image: 'input image', labels: 'input labels',
  buildArgs: 'input build-args', target: 'input target', pull: 'input pull', noCache: 'input no-cache',
};

/**
 * Splits `NAME=value` items written one per line or comma-separated. A comma splits only where
 * the next item starts with `NAME=`, so values such as `LIST=a,b` keep their commas.
 */
export function splitAssignments(text: string): string[] {
  return text
    .split(/\r?\n/)
    .flatMap((line) => line.split(/,(?=\s*[A-Za-z_][A-Za-z0-9_.-]*=)/))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/** `NAME=value` items as a record; bad items are reported against `field`. */
export function parseAssignments(items: string[], field: string, problems: Problems, kind: 'arg' | 'label'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? '' : item.slice(0, eq).trim();
    const ok = kind === 'arg' ? ARG_NAME.test(name) : LABEL_KEY.test(name);
    if (eq < 0 || !ok) {
      problems.add(field, item, kind === 'arg'
        ? 'NAME=value (a build argument name of letters, digits and _, then =, then the value)'
        : 'key=value (a label key such as org.example.team, then =, then the value)');
      continue;
    }
    out[name] = item.slice(eq + 1);
  }
  return out;
}

/** Validates tags; each is returned with an explicit :latest when it had no tag. */
export function parseTags(items: string[], field: string, problems: Problems): string[] {
  const tags: string[] = [];
  for (const item of items) {
    const problem = referenceProblem(item);
    if (problem) problems.add(field, item, `an image tag like registry.example.com/acme/web:1.2 (${problem})`);
    else tags.push(withExplicitTag(item));
  }
  return tags;
}

export function parseBuildSettings(raw: RawBuildSettings, names: FieldNames = INPUT_NAMES, cwd: string = process.cwd()): BuildSettings {
  const problems = new Problems();
  const context = resolve(cwd, raw.context || '.');
  if (!isDirectory(context)) problems.add(names.context, raw.context || '.', `an existing folder (looked for ${context})`);
  // Joined by hand: ncc's asset relocator rewrites path.resolve(x, 'literal') into a bundled path.
  const file = raw.file ? resolve(cwd, raw.file) : [context, DEFAULT_DOCKERFILE].join(sep);
  if (!isFile(file)) problems.add(names.file, raw.file || 'Dockerfile', `an existing Dockerfile (looked for ${file})`);

  const tags = parseTags(raw.tags, names.tags, problems);
  let image: string | undefined;
  if (raw.image) {
    const problem = referenceProblem(raw.image);
    if (problem) problems.add(names.image, raw.image, `a repository like registry.example.com/acme/web (${problem})`);
    else if (/:[^/]*$/.test(raw.image)) problems.add(names.image, raw.image, 'a repository without a tag: the tags are derived from the commit (sha-…) and the branch or version tag');
    else image = raw.image;
  }
  const labels = parseAssignments(raw.labels, names.labels, problems, 'label');
  const buildArgs = parseAssignments(raw.buildArgs, names.buildArgs, problems, 'arg');
  if (raw.target && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(raw.target)) problems.add(names.target, raw.target, 'the name of a build stage (FROM … AS <name>)');
  problems.throwIfAny();
  return {
    context,
    file: isAbsolute(file) ? file : resolve(file),
    tags,
    image,
    labels,
    buildArgs,
    target: raw.target || undefined,
    pull: raw.pull,
    noCache: raw.noCache,
  };
}

function isDirectory(path: string): boolean {
  try { return statSync(path).isDirectory(); } catch { return false; }
}

function isFile(path: string): boolean {
  try { return statSync(path).isFile(); } catch { return false; }
}
