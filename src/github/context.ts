// The GitHub run context as plain GITHUB_* environment variables: the source of the OCI labels and
// default tags of a build. Read from env, not from @actions/github's `context`: the build engine runs
// in the CLI too and may not import @actions/*, and that `context` also reads the event payload file
// at load, which a build does not need.

type Env = Record<string, string | undefined>;

export interface GitHubContext {
  serverUrl?: string; // https://github.com
  repository?: string; // owner/name
  sha?: string;
  ref?: string; // refs/heads/main, refs/tags/v1.2.3, refs/pull/12/merge
  headRef?: string; // the PR's source branch, on pull_request events
  runUrl?: string;
}

export function githubContext(env: Env = process.env): GitHubContext {
  const get = (name: string) => (env[name] && env[name]!.trim() !== '' ? env[name]!.trim() : undefined);
  const serverUrl = get('GITHUB_SERVER_URL')?.replace(/\/+$/, '');
  const repository = get('GITHUB_REPOSITORY');
  const runId = get('GITHUB_RUN_ID');
  return {
    serverUrl,
    repository,
    sha: get('GITHUB_SHA'),
    ref: get('GITHUB_REF'),
    headRef: get('GITHUB_HEAD_REF'),
    runUrl: serverUrl && repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined,
  };
}

/** The OCI annotations docker/metadata-action sets: where the image came from, and when. */
export function ociLabels(ctx: GitHubContext, now: Date): Record<string, string> {
  const labels: Record<string, string> = {};
  if (ctx.repository)
    labels['org.opencontainers.image.source'] = `${ctx.serverUrl ?? 'https://github.com'}/${ctx.repository}`;
  if (ctx.sha) labels['org.opencontainers.image.revision'] = ctx.sha;
  labels['org.opencontainers.image.created'] = now.toISOString();
  return labels;
}

/** A valid Docker tag from any text: invalid characters become "-", at most 128 characters. */
export function sanitizeTag(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
}

/** The tag naming the ref: v1.2.3 for refs/tags/v1.2.3, the branch name, pr-12 for a pull request. */
export function refTag(ctx: GitHubContext): string | undefined {
  const ref = ctx.ref;
  if (!ref) return undefined;
  let m: RegExpExecArray | null;
  if ((m = /^refs\/tags\/(.+)$/.exec(ref))) return sanitizeTag(m[1]) || undefined;
  if ((m = /^refs\/heads\/(.+)$/.exec(ref))) return sanitizeTag(m[1]) || undefined;
  if ((m = /^refs\/pull\/(\d+)\//.exec(ref))) return `pr-${m[1]}`;
  return undefined;
}

/** `<image>:sha-<7>` and the ref's tag: what a build is tagged with when no tags are given. */
export function defaultTags(image: string, ctx: GitHubContext): string[] {
  const tags: string[] = [];
  if (ctx.sha) tags.push(`${image}:sha-${ctx.sha.slice(0, 7)}`);
  const fromRef = refTag(ctx);
  if (fromRef) tags.push(`${image}:${fromRef}`);
  return tags;
}
