// Records a rollout as a GitHub deployment of an environment and moves its status, through the
// Deployments routes of GitHub's REST API that the caller connects (Octokit from @actions/github in the
// actions: src/actions/shared/github-client.ts). Bookkeeping only: no failure here may fail a deploy, so
// every call logs a warning and returns undefined instead of throwing.
import { Logger } from '../log';
import { RolloutResult } from '../report/types';

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'inactive' | 'error' | 'queued' | 'pending';

/** What every call sends besides its own fields: the repository, the API version, a time limit. (A type, not an
 * interface: Octokit's parameters carry an index signature, which only type literals satisfy implicitly.) */
type CallOptions = {
  owner: string;
  repo: string;
  headers: Record<string, string>;
  request: { signal: AbortSignal };
};

interface Answer {
  status: number;
  data: unknown;
}

/**
 * The Deployments routes of GitHub's REST API, named and shaped as Octokit's `rest.repos` has them.
 * A call resolves with GitHub's 2xx answer and rejects otherwise: with `status` and `response.data`
 * when GitHub answered, without `response` when no answer arrived (refused, dropped, timed out).
 */
export interface DeploymentsApi {
  createDeployment(
    params: CallOptions & {
      ref: string;
      environment: string;
      description?: string;
      payload: DeploymentPayload;
      auto_merge: boolean;
      required_contexts: string[];
      task?: string;
      transient_environment?: boolean;
      production_environment?: boolean;
    },
  ): Promise<Answer>;
  createDeploymentStatus(
    params: CallOptions & {
      deployment_id: number;
      state: DeploymentState;
      auto_inactive: boolean;
      log_url?: string;
      environment_url?: string;
      description?: string;
    },
  ): Promise<Answer>;
  listDeployments(params: CallOptions & { environment: string; per_page: number }): Promise<Answer>;
  listDeploymentStatuses(params: CallOptions & { deployment_id: number; per_page: number }): Promise<Answer>;
}

/** Makes the API client for a token and an API root; called once, on the first call that needs it. */
export type ConnectDeploymentsApi = (token: string, apiUrl: string, log: Logger) => Promise<DeploymentsApi>;

export interface GitHubDeploymentsOptions {
  /** The API root, GITHUB_API_URL on Actions (`https://ghe.example.com/api/v3` on GitHub Enterprise Server). */
  apiUrl?: string;
  token: string;
  connect: ConnectDeploymentsApi;
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
    case 'deployed':
      return ['in_progress', 'success'];
    case 'rolled-back':
      return ['in_progress', 'failure', 'inactive'];
    case 'partial':
      return ['in_progress', 'failure'];
    case 'failed':
      return ['in_progress', 'failure'];
  }
}

/** `https://github.com/owner/repo/actions/runs/123/attempts/2` from the Actions environment, if it is one. */
export function actionsRunUrl(env: Record<string, string | undefined>): string | undefined {
  const {
    GITHUB_SERVER_URL: server = 'https://github.com',
    GITHUB_REPOSITORY: repo,
    GITHUB_RUN_ID: run,
    GITHUB_RUN_ATTEMPT: attempt,
  } = env;
  if (!repo || !run) return undefined;
  return `${server.replace(/\/+$/, '')}/${repo}/actions/runs/${run}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`;
}

/** GitHub refuses longer status and deployment descriptions. */
const MAX_DESCRIPTION = 140;

export class GitHubDeployments {
  private readonly apiUrl: string;
  private readonly token: string;
  private readonly repository: string;
  private readonly log: Logger;
  private readonly retries: number;
  private readonly timeoutMs: number;
  private readonly retryDelayMs: number;
  private readonly connect: ConnectDeploymentsApi;
  private api?: Promise<DeploymentsApi | undefined>;

  constructor(options: GitHubDeploymentsOptions) {
    this.apiUrl = (options.apiUrl || 'https://api.github.com').replace(/\/+$/, '');
    this.token = options.token;
    this.repository = options.repository;
    this.log = options.log;
    this.retries = Math.max(0, options.retries ?? 2);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.connect = options.connect;
    this.log.secret(this.token);
  }

  /** Creates the deployment; its id, or undefined (after a warning) when GitHub did not create one. */
  async create(request: DeploymentRequest): Promise<number | undefined> {
    const ref = request.sha ?? request.ref;
    if (!ref) {
      this.log.warn('GitHub deployment not created: no ref or sha to record it for');
      return undefined;
    }
    const fields = {
      ref,
      environment: request.environment,
      description: clip(request.description),
      payload: request.payload,
      auto_merge: request.autoMerge ?? false,
      required_contexts: request.requiredContexts ?? [],
      ...(request.task ? { task: request.task } : {}),
      ...(request.transientEnvironment !== undefined ? { transient_environment: request.transientEnvironment } : {}),
      ...(request.productionEnvironment !== undefined ? { production_environment: request.productionEnvironment } : {}),
    };
    const answer = await this.call('create deployment', (api, options) =>
      api.createDeployment({ ...options, ...fields }),
    );
    if (!answer) return undefined;
    const id = (answer.data as { id?: unknown } | undefined)?.id;
    if (answer.status !== 201 || typeof id !== 'number') {
      // 202 means GitHub merged the default branch into ref instead (only with autoMerge).
      this.log.warn(`GitHub create deployment: no deployment created (HTTP ${answer.status}${messageOf(answer.data)})`);
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
  async setStatus(
    id: number | undefined,
    state: DeploymentState,
    details: StatusDetails = {},
  ): Promise<number | undefined> {
    if (id === undefined) return undefined;
    const fields = {
      deployment_id: id,
      state,
      auto_inactive: state === 'success',
      ...(details.logUrl ? { log_url: details.logUrl } : {}),
      ...(details.environmentUrl ? { environment_url: details.environmentUrl } : {}),
      ...(details.description ? { description: clip(details.description) } : {}),
    };
    const answer = await this.call(`set deployment ${id} status ${state}`, (api, options) =>
      api.createDeploymentStatus({ ...options, ...fields }),
    );
    const statusId = (answer?.data as { id?: unknown } | undefined)?.id;
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
    const list = await this.call(`list deployments of ${environment}`, (api, options) =>
      api.listDeployments({ ...options, environment, per_page: 30 }),
    );
    if (!list || !Array.isArray(list.data)) return [];
    const marked: number[] = [];
    for (const d of list.data as Array<{ id?: unknown }>) {
      if (typeof d.id !== 'number' || d.id === exceptId) continue;
      const deploymentId = d.id;
      const statuses = await this.call(`list deployment ${deploymentId} statuses`, (api, options) =>
        api.listDeploymentStatuses({ ...options, deployment_id: deploymentId, per_page: 1 }),
      );
      const latest = Array.isArray(statuses?.data) ? (statuses!.data as Array<{ state?: unknown }>)[0] : undefined;
      if (latest?.state !== 'success') continue;
      const inactive = await this.setStatus(deploymentId, 'inactive', {
        ...details,
        description: details.description ?? 'superseded',
      });
      if (inactive !== undefined) marked.push(deploymentId);
    }
    return marked;
  }

  /** One API call with retries; the 2xx answer, or undefined after a warning naming the call. */
  private async call(
    what: string,
    send: (api: DeploymentsApi, options: CallOptions) => Promise<Answer>,
  ): Promise<Answer | undefined> {
    const repo = /^([^/\s]+)\/([^/\s]+)$/.exec(this.repository);
    if (!repo) {
      this.log.warn(`GitHub ${what} skipped: repository "${this.repository}" is not owner/repo`);
      return undefined;
    }
    if (!this.token) {
      this.log.warn(`GitHub ${what} skipped: no token`);
      return undefined;
    }
    const api = await this.client();
    if (!api) return undefined;
    for (let attempt = 0; ; attempt++) {
      let problem: string;
      let transient: boolean;
      try {
        const options: CallOptions = {
          owner: repo[1],
          repo: repo[2],
          headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
          request: { signal: AbortSignal.timeout(this.timeoutMs) },
        };
        return await send(api, options);
      } catch (err) {
        const e = err as { status?: unknown; response?: { status?: unknown; data?: unknown } };
        if (e?.response && typeof e.response.status === 'number') {
          problem = `HTTP ${e.response.status}${messageOf(e.response.data)}`;
          transient = e.response.status >= 500 || e.response.status === 429;
        } else {
          problem = networkMessage(err);
          transient = true;
        }
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

  /** The API client, connected on first use; undefined (after one warning) when it cannot be made. */
  private client(): Promise<DeploymentsApi | undefined> {
    this.api ??= this.connect(this.token, this.apiUrl, this.log).catch((err: unknown) => {
      this.log.warn(
        this.scrub(`GitHub deployments skipped: no API client (${(err as Error)?.message ?? String(err)})`),
      );
      return undefined;
    });
    return this.api;
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
      const details = b.errors
        .map((e) =>
          typeof e === 'string'
            ? e
            : ((e as { message?: string; field?: string; code?: string })?.message ??
              [(e as { field?: string })?.field, (e as { code?: string })?.code].filter(Boolean).join(' ')),
        )
        .filter(Boolean);
      if (details.length) text = `${text ?? ''} (${details.join('; ')})`.trim();
    }
  } else if (typeof body === 'string' && body.trim()) {
    text = body.trim();
  }
  if (!text) return '';
  const line = text.replace(/\s+/g, ' ');
  return `: ${line.length > 200 ? line.slice(0, 199) + '…' : line}`;
}

/**
 * Why no answer arrived: "timed out", or the failure and its code (`other side closed (UND_ERR_SOCKET)`).
 * Octokit passes the fetch failure's cause as the message and keeps the fetch error as `cause`.
 */
function networkMessage(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: unknown };
  let code: string | undefined;
  for (let c: unknown = err; c && typeof c === 'object' && !code; c = (c as { cause?: unknown }).cause) {
    const { name, code: cCode } = c as { name?: string; code?: unknown };
    if (name === 'TimeoutError' || name === 'AbortError') return 'timed out';
    if (typeof cCode === 'string') code = cCode;
  }
  const message = e?.message ?? String(err);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
