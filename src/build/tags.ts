// The default tags of a build, as docker/metadata-action makes them: sha-<7>, the branch, pr-<n> or
// the version tag, plus the semver forms of a v1.2.3 tag (1.2.3, 1.2, 1) and `latest` on the
// default branch — each of the last two switchable.
import { readFileSync } from 'node:fs';
import { defaultTags, GitHubContext } from '../github/context';

type Env = Record<string, string | undefined>;

export interface TagRules {
  semverTags: boolean;
  latest: 'auto' | 'true' | 'false';
  /** The repository's default branch, when known (from the event payload). */
  defaultBranch?: string;
}

/** 1.2.3 (and 1.2.3-rc.1) from refs/tags/v1.2.3 or refs/tags/1.2.3; undefined for any other ref. */
export function semverOf(
  ref: string | undefined,
): { major: string; minor: string; patch: string; prerelease?: string } | undefined {
  const m = /^refs\/tags\/v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(
    ref ?? '',
  );
  if (!m) return undefined;
  return { major: m[1], minor: m[2], patch: m[3], prerelease: m[4] };
}

/** The default branch named in the event that started the run ($GITHUB_EVENT_PATH), if any. */
export function defaultBranchOf(env: Env): string | undefined {
  if (!env.GITHUB_EVENT_PATH) return undefined;
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
      repository?: { default_branch?: string };
    };
    return event.repository?.default_branch || undefined;
  } catch {
    return undefined;
  }
}

/** Every default tag for `image` in this run, without duplicates, in a stable order. */
export function metadataTags(image: string, ctx: GitHubContext, rules: TagRules): string[] {
  const tags = defaultTags(image, ctx);
  const version = rules.semverTags ? semverOf(ctx.ref) : undefined;
  if (version) {
    const full = `${version.major}.${version.minor}.${version.patch}${version.prerelease ? `-${version.prerelease}` : ''}`;
    tags.push(`${image}:${full.replace(/[^A-Za-z0-9_.-]/g, '-')}`);
    // As metadata-action: a pre-release moves neither 1.2 nor 1.
    if (!version.prerelease)
      tags.push(
        `${image}:${version.major}.${version.minor}`,
        ...(version.major !== '0' ? [`${image}:${version.major}`] : []),
      );
  }
  const onDefaultBranch = !!rules.defaultBranch && ctx.ref === `refs/heads/${rules.defaultBranch}`;
  if (rules.latest === 'true' || (rules.latest === 'auto' && onDefaultBranch)) tags.push(`${image}:latest`);
  return [...new Set(tags)];
}
