// A local stand-in for the GitHub REST API's deployment routes: records every request and answers
// as GitHub does, with switches to fail a route a number of times. Tests pass its url as GITHUB_API_URL.
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number | 'reset';
  times: number;
  body?: unknown;
}

interface StoredDeployment {
  id: number;
  environment: string;
  statuses: Array<{ id: number; state: string }>;
}

export class FakeGitHubApi {
  readonly requests: RecordedRequest[] = [];
  /** When set, requests without `Authorization: Bearer <token>` (or `token <token>`) get 401 like GitHub's. */
  token?: string;
  private readonly failures: Failure[] = [];
  private readonly deployments: StoredDeployment[] = [];
  private nextId = 1000;
  private server?: http.Server;

  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /**
   * The next `times` requests matching method and path (a RegExp, or a string matched exactly) get
   * `status` with a GitHub-style error body, or have their connection dropped for 'reset'.
   */
  fail(method: string, path: string | RegExp, status: number | 'reset', times = 1, body?: unknown): void {
    const re = typeof path === 'string' ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : path;
    this.failures.push({ method: method.toUpperCase(), path: re, status, times, body });
  }

  /** `POST /repos/o/r/deployments`-style lines, in order, for asserting call sequences. */
  get calls(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  /** The states posted to deployment statuses, in order. */
  statesOf(id: number): string[] {
    return this.requests
      .filter((r) => r.method === 'POST' && r.path.endsWith(`/deployments/${id}/statuses`))
      .map((r) => (r.body as { state: string }).state);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      };
      this.requests.push(recorded);

      const failure = this.failures.find(
        (f) => f.times > 0 && f.method === recorded.method && f.path.test(recorded.path),
      );
      if (failure) {
        failure.times--;
        if (failure.status === 'reset') {
          req.socket.destroy();
          return;
        }
        return send(
          res,
          failure.status,
          failure.body ?? {
            message: failure.status >= 500 ? 'Server Error' : 'Validation Failed',
            documentation_url: 'https://docs.github.com/rest',
          },
        );
      }
      // GitHub takes both schemes; Octokit sends `token`.
      if (
        this.token !== undefined &&
        ![`Bearer ${this.token}`, `token ${this.token}`].includes(req.headers.authorization ?? '')
      ) {
        return send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
      }
      this.route(recorded, res);
    });
  }

  private route(r: RecordedRequest, res: http.ServerResponse): void {
    const base = this.url;
    let m = /^\/repos\/([^/]+)\/([^/]+)\/deployments$/.exec(r.path);
    if (m && r.method === 'POST') {
      const b = (r.body ?? {}) as Record<string, unknown>;
      if (typeof b.ref !== 'string')
        return send(res, 422, { message: 'Invalid request.', errors: ['"ref" wasn\'t supplied.'] });
      const id = this.nextId++;
      const environment = typeof b.environment === 'string' ? b.environment : 'production';
      this.deployments.push({ id, environment, statuses: [] });
      return send(res, 201, {
        id,
        node_id: `DE_${id}`,
        url: `${base}/repos/${m[1]}/${m[2]}/deployments/${id}`,
        sha: '0'.repeat(40),
        ref: b.ref,
        task: b.task ?? 'deploy',
        payload: b.payload ?? {},
        environment,
        description: b.description ?? null,
        statuses_url: `${base}/repos/${m[1]}/${m[2]}/deployments/${id}/statuses`,
        created_at: new Date().toISOString(),
        transient_environment: b.transient_environment ?? false,
        production_environment: b.production_environment ?? false,
      });
    }
    if (m && r.method === 'GET') {
      const list = this.deployments
        .filter((d) => !r.query.environment || d.environment === r.query.environment)
        .reverse();
      return send(
        res,
        200,
        list.map((d) => ({ id: d.id, environment: d.environment, url: `${base}${r.path}/${d.id}` })),
      );
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/deployments\/(\d+)\/statuses$/.exec(r.path);
    if (m) {
      const d = this.deployments.find((x) => x.id === Number(m![3]));
      if (!d) return send(res, 404, { message: 'Not Found' });
      if (r.method === 'GET') return send(res, 200, [...d.statuses].reverse());
      if (r.method === 'POST') {
        const b = (r.body ?? {}) as Record<string, unknown>;
        const states = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];
        if (typeof b.state !== 'string' || !states.includes(b.state))
          return send(res, 422, {
            message: 'Validation Failed',
            errors: [{ resource: 'DeploymentStatus', field: 'state', code: 'invalid' }],
          });
        const status = { id: this.nextId++, state: b.state };
        d.statuses.push(status);
        return send(res, 201, {
          ...status,
          url: `${base}${r.path}/${status.id}`,
          description: b.description ?? '',
          environment: d.environment,
          log_url: b.log_url ?? '',
          target_url: b.log_url ?? '',
          environment_url: b.environment_url ?? '',
          deployment_url: `${base}/repos/${m[1]}/${m[2]}/deployments/${d.id}`,
        });
      }
    }
    send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A started fake API; close it in afterAll/afterEach. */
export async function startGitHubApi(): Promise<FakeGitHubApi> {
  return new FakeGitHubApi().start();
}
