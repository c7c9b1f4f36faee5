// The GitHub Deployments REST API over Node's fetch: records a rollout as a deployment of an
// environment and moves its status. Bookkeeping only: no failure here may fail a deploy, so every
// call logs a warning and returns undefined instead of throwing.
import { Logger } from '../log';
import { RolloutResult } from '../report/types';

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'inactive' | 'error' | 'queued' | 'pending';

export interface GitHubDeploymentsOptions {
  /** The API root, GITHUB_API_URL on Actions (`https://ghe.example.com/api/v3` on GitHub Enterprise Server). */
  apiUrl?: string;
  token: string;
  /** `owner/repo`, GITHUB_REPOSITORY on Actions. */
  repository: string;
  log: Logger;
  /** Further tries after a 5xx, a 429 or a network failure (default 2). */
  retries?: number;
  /** Per request, including reading the answer (default 10 s). */
  timeoutMs?: number;
  /** Delay before the first retry; doubles after each (default 500 ms). */
  retryDelayMs?: number;
}

export interface DeploymentPayload {
  image: string;
  digest?: string;
  groups: string[];
  [key: string]: unknown;
}

export interface DeploymentRequest {
  /** Branch, tag or commit SHA that is deployed; `sha` wins when both are given. */
  ref?: string;
  sha?: string;
  environment: string;
  description?: string;
  payload: DeploymentPayload;
  /** Off by default: GitHub would otherwise try to merge the default branch into `ref` first. */
  autoMerge?: boolean;
  /** Empty by default: the rollout has already been gated by the workflow that runs it. */
  requiredContexts?: string[];
  transientEnvironment?: boolean;
  productionEnvironment?: boolean;
  task?: string;
}

export interface StatusDetails {
  /** The run's log, e.g. actionsRunUrl(process.env). */
  logUrl?: string;
  /** Where the deployed service answers; GitHub links it as "View deployment". */
  environmentUrl?: string;
  description?: string;
}

/**
 * The statuses a deployment goes through for a rollout's result, in order; the first one is set
 * when the rollout starts. A rolled-back deployment ends `inactive`: the environment runs the
 * version it ran before, so that earlier deployment — never marked inactive, since this one never
 * reached `success` — stays the environment's active one.
 */
export function deploymentLifecycle(result: RolloutResult): DeploymentState[] {
  switch (result) {
    case 'deployed': return ['in_progress', 'success'];
    case 'rolled-back': return ['in_progress', 'failure', 'inactive'];
    case 'partial': return ['in_progress', 'failure'];
    case 'failed': return ['in_progress', 'failure'];
  }
}

/** `https://github.com/owner/repo/actions/runs/123/attempts/2` from the Actions environment, if it is one. */
export function actionsRunUrl(env: Record<string, string | undefined>): string | undefined {
  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt } = env;
  if (!repo || !run) return undefined;
  return `${server.replace(/\/+$/, '')}/${repo}/actions/runs/${run}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`;
}

/** GitHub refuses longer status and deployment descriptions. */
const MAX_DESCRIPTION = 140;

interface Answer {
  status: number;
  body: unknown;
}

export class GitHubDeployments {
  private readonly apiUrl: string;
  private readonly token: string;
  private readonly repository: string;
  private readonly log: Logger;
  private readonly retries: number;
  private readonly timeoutMs: number;
  private readonly retryDelayMs: number;

  constructor(options: GitHubDeploymentsOptions) {
    this.apiUrl = (options.apiUrl || 'https://api.github.com').replace(/\/+$/, '');
    this.token = options.token;
    this.repository = options.repository;
    this.log = options.log;
    this.retries = Math.max(0, options.retries ?? 2);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.log.secret(this.token);
  }

  /** Creates the deployment; its id, or undefined (after a warning) when GitHub did not create one. */
  async create(request: DeploymentRequest): Promise<number | undefined> {
    const ref = request.sha ?? request.ref;
    if (!ref) {
      this.log.warn('GitHub deployment not created: no ref or sha to record it for');
      return undefined;
    }
    const body: Record<string, unknown> = {
      ref,
      environment: request.environment,
      description: clip(request.description),
      payload: request.payload,
      auto_merge: request.autoMerge ?? false,
      required_contexts: request.requiredContexts ?? [],
    };
    if (request.task) body.task = request.task;
    if (request.transientEnvironment !== undefined) body.transient_environment = request.transientEnvironment;
    if (request.productionEnvironment !== undefined) body.production_environment = request.productionEnvironment;
    const answer = await this.call('create deployment', 'POST', '/deployments', body);
    if (!answer) return undefined;
    const id = (answer.body as { id?: unknown } | undefined)?.id;
    if (answer.status !== 201 || typeof id !== 'number') {
      // 202 means GitHub merged the default branch into ref instead (only with autoMerge).
      this.log.warn(`GitHub create deployment: no deployment created (HTTP ${answer.status}${messageOf(answer.body)})`);
      return undefined;
    }
    this.log.info(`GitHub deployment ${id} created for ${request.environment}`);
    return id;
  }

  /**
   * Adds a status to a deployment; the status id, or undefined after a warning. Only `success`
   * makes GitHub mark the environment's earlier successful deployments inactive (`auto_inactive`):
   * the API would do it for any state by default, and after a failure or a rollback the earlier
   * deployment is the one that runs.
   */
  async setStatus(id: number | undefined, state: DeploymentState, details: StatusDetails = {}): Promise<number | undefined> {
    if (id === undefined) return undefined;
    const body: Record<string, unknown> = { state, auto_inactive: state === 'success' };
    if (details.logUrl) body.log_url = details.logUrl;
    if (details.environmentUrl) body.environment_url = details.environmentUrl;
    if (details.description) body.description = clip(details.description);
    const answer = await this.call(`set deployment ${id} status ${state}`, 'POST', `/deployments/${encodeURIComponent(String(id))}/statuses`, body);
    if (!answer) return undefined;
    const statusId = (answer.body as { id?: unknown } | undefined)?.id;
    return typeof statusId === 'number' ? statusId : undefined;
  }

  /** Sets the statuses that follow `in_progress` for a rollout's result (deploymentLifecycle). */
  async finish(id: number | undefined, result: RolloutResult, details: StatusDetails = {}): Promise<void> {
    if (id === undefined) return;
    for (const state of deploymentLifecycle(result).slice(1)) {
      const description = state === 'inactive' ? 'rolled back: the previous version runs again' : details.description;
      await this.setStatus(id, state, { ...details, description });
    }
  }

  /**
   * Marks the environment's other deployments whose latest status is `success` inactive. Rarely
   * needed: the `success` status already does this through `auto_inactive`, except for deployments
   * created with `production_environment: true`, which GitHub leaves active. Returns the ids marked.
   */
  async markPreviousInactive(environment: string, exceptId?: number, details: StatusDetails = {}): Promise<number[]> {
    const list = await this.call(`list deployments of ${environment}`, 'GET', `/deployments?environment=${encodeURIComponent(environment)}&per_page=30`);
    if (!list || !Array.isArray(list.body)) return [];
    const marked: number[] = [];
    for (const d of list.body as Array<{ id?: unknown }>) {
      if (typeof d.id !== 'number' || d.id === exceptId) continue;
      const statuses = await this.call(`list deployment ${d.id} statuses`, 'GET', `/deployments/${d.id}/statuses?per_page=1`);
      const latest = Array.isArray(statuses?.body) ? (statuses!.body as Array<{ state?: unknown }>)[0] : undefined;
      if (latest?.state !== 'success') continue;
      if ((await this.setStatus(d.id, 'inactive', { ...details, description: details.description ?? 'superseded' })) !== undefined) marked.push(d.id);
    }
    return marked;
  }

  /** One API call with retries; the 2xx answer, or undefined after a warning naming the call. */
  private async call(what: string, method: string, path: string, body?: unknown): Promise<Answer | undefined> {
    const repo = /^([^/\s]+)\/([^/\s]+)$/.exec(this.repository);
    if (!repo) {
      this.log.warn(`GitHub ${what} skipped: repository "${this.repository}" is not owner/repo`);
      return undefined;
    }
    if (!this.token) {
      this.log.warn(`GitHub ${what} skipped: no token`);
      return undefined;
    }
    const url = `${this.apiUrl}/repos/${encodeURIComponent(repo[1])}/${encodeURIComponent(repo[2])}${path}`;
    for (let attempt = 0; ; attempt++) {
      let problem: string;
      let transient: boolean;
      try {
        const response = await fetch(url, {
          method,
          headers: {
            Accept: 'application/vnd.github+json',
            Authorization: `Bearer ${this.token}`,
            'X-GitHub-Api-Version': '2022-11-28',
            'User-Agent': 'aviary',
            ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const text = await response.text();
        let parsed: unknown = text;
        try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON: keep the text for the warning */ }
        if (response.ok) return { status: response.status, body: parsed };
        problem = `HTTP ${response.status}${messageOf(parsed)}`;
        transient = response.status >= 500 || response.status === 429;
      } catch (err) {
        problem = networkMessage(err);
        transient = true;
      }
      if (!transient || attempt >= this.retries) {
        const tries = attempt > 0 ? ` after ${attempt + 1} tries` : '';
        this.log.warn(this.scrub(`GitHub ${what} failed${tries} (${problem}); the deploy goes on without it`));
        return undefined;
      }
      const delay = this.retryDelayMs * 2 ** attempt;
      this.log.debug(this.scrub(`GitHub ${what}: ${problem}; retry ${attempt + 1}/${this.retries} in ${delay}ms`));
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** The logger masks registered secrets too; this also covers loggers that don't. */
  private scrub(text: string): string {
    return this.token ? text.split(this.token).join('***') : text;
  }
}

function clip(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_DESCRIPTION ? line.slice(0, MAX_DESCRIPTION - 1) + '…' : line;
}

/** `: Validation Failed (environment: invalid)` from GitHub's error body, shortened. */
function messageOf(body: unknown): string {
  let text: string | undefined;
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; errors?: unknown };
    if (typeof b.message === 'string') text = b.message;
    if (Array.isArray(b.errors) && b.errors.length) {
      const details = b.errors.map((e) => (typeof e === 'string' ? e : (e as { message?: string; field?: string; code?: string })?.message ?? [(e as { field?: string })?.field, (e as { code?: string })?.code].filter(Boolean).join(' '))).filter(Boolean);
      if (details.length) text = `${text ?? ''} (${details.join('; ')})`.trim();
    }
  } else if (typeof body === 'string' && body.trim()) {
    text = body.trim();
  }
  if (!text) return '';
  const line = text.replace(/\s+/g, ' ');
  return `: ${line.length > 200 ? line.slice(0, 199) + '…' : line}`;
}

function networkMessage(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timed out';
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `${e?.message ?? String(err)}${cause ? ` (${cause})` : ''}`;
}
