// The GitHub Deployments client, with the Octokit the actions connect, against a local stand-in of the
// REST API: calls, order, payloads, retries, and that no failure of GitHub's ever fails a deploy or leaks the token.
import { actionsRunUrl, deploymentLifecycle, GitHubDeployments } from '../../src/github/deployments';
import { connectOctokit } from '../../src/actions/shared/github-client';
import { MemoryLogger } from '../support/memory-logger';
import { RolloutResult } from '../../src/report/types';
import { FakeGitHubApi, startGitHubApi } from '../support/github-api';

const TOKEN = 'ghs_s3cretTokenValue1234567890';
const LOG_URL = 'https://github.com/acme/web/actions/runs/42';
const ENV_URL = 'https://web.example.com';

let api: FakeGitHubApi;
let log: MemoryLogger;

beforeEach(async () => {
  api = await startGitHubApi();
  api.token = TOKEN;
  log = new MemoryLogger();
});
afterEach(() => api.close());

function client(extra: Partial<ConstructorParameters<typeof GitHubDeployments>[0]> = {}): GitHubDeployments {
  const options = {
    apiUrl: api.url,
    token: TOKEN,
    repository: 'acme/web',
    log,
    connect: connectOctokit,
    retryDelayMs: 5,
  };
  return new GitHubDeployments({ ...options, ...extra });
}

/** What the deploy entry does: create, in_progress, then the statuses of the result. */
async function lifecycle(result: RolloutResult, gh = client()): Promise<number | undefined> {
  const id = await gh.create({
    sha: 'a'.repeat(40),
    environment: 'production',
    description: 'deploy web',
    payload: { image: 'reg.example.com/acme/web:1.2', digest: 'sha256:' + 'd'.repeat(64), groups: ['web', 'worker'] },
  });
  await gh.setStatus(id, 'in_progress', { logUrl: LOG_URL, environmentUrl: ENV_URL });
  await gh.finish(id, result, { logUrl: LOG_URL, environmentUrl: ENV_URL });
  return id;
}

describe('deploymentLifecycle', () => {
  test.each([
    ['deployed', ['in_progress', 'success']],
    ['rolled-back', ['in_progress', 'failure', 'inactive']],
    ['failed', ['in_progress', 'failure']],
  ] as const)('%s → %j', (result, states) => {
    expect(deploymentLifecycle(result)).toEqual(states);
  });
});

describe('GitHubDeployments', () => {
  test.each([
    ['deployed', ['in_progress', 'success']],
    ['rolled-back', ['in_progress', 'failure', 'inactive']],
    ['failed', ['in_progress', 'failure']],
  ] as const)('%s: creates the deployment, then posts %j in order', async (result, states) => {
    const id = await lifecycle(result);
    expect(id).toEqual(expect.any(Number));
    expect(api.calls).toEqual([
      'POST /repos/acme/web/deployments',
      ...states.map(() => `POST /repos/acme/web/deployments/${id}/statuses`),
    ]);
    expect(api.statesOf(id!)).toEqual(states);
    // Only success may inactivate earlier deployments: after a failure they are what runs.
    const autoInactive = api.requests.slice(1).map((r) => (r.body as { auto_inactive: boolean }).auto_inactive);
    expect(autoInactive).toEqual(states.map((s) => s === 'success'));
  });

  test('sends the payload, the REST headers, log_url and environment_url', async () => {
    const id = await lifecycle('deployed');
    const [create, progress, success] = api.requests;
    expect(create.body).toEqual({
      ref: 'a'.repeat(40),
      environment: 'production',
      description: 'deploy web',
      payload: { image: 'reg.example.com/acme/web:1.2', digest: 'sha256:' + 'd'.repeat(64), groups: ['web', 'worker'] },
      auto_merge: false,
      required_contexts: [],
    });
    for (const r of api.requests) {
      expect(r.headers.accept).toBe('application/vnd.github+json');
      expect(r.headers['x-github-api-version']).toBe('2022-11-28');
      expect(r.headers.authorization).toBe(`token ${TOKEN}`);
      expect(r.headers['content-type']).toMatch(/^application\/json\b/);
      expect(r.headers['user-agent']).toMatch(/^aviary octokit-core\.js\//);
    }
    expect(progress.body).toMatchObject({ state: 'in_progress', log_url: LOG_URL, environment_url: ENV_URL });
    expect(success.body).toMatchObject({ state: 'success', log_url: LOG_URL, environment_url: ENV_URL });
    expect(log.text).toContain(`GitHub deployment ${id} created for production`);
  });

  test('transient and production environment flags, and ref when there is no sha', async () => {
    await client().create({
      ref: 'main',
      environment: 'pr-7',
      payload: { image: 'x:1', groups: [] },
      transientEnvironment: true,
      productionEnvironment: false,
    });
    expect(api.requests[0].body).toMatchObject({
      ref: 'main',
      transient_environment: true,
      production_environment: false,
    });
  });

  test('descriptions are cut to the 140 characters GitHub accepts', async () => {
    const id = await client().create({
      ref: 'main',
      environment: 'prod',
      description: 'x'.repeat(300),
      payload: { image: 'x:1', groups: [] },
    });
    await client().setStatus(id, 'failure', { description: 'line one\nline two ' + 'y'.repeat(300) });
    const [create, status] = api.requests.map((r) => r.body as { description: string });
    expect(create.description.length).toBe(140);
    expect(status.description.length).toBe(140);
    expect(status.description).toMatch(/^line one line two y+…$/);
  });

  test('a 500 answered twice, then success, is retried', async () => {
    api.fail('POST', '/repos/acme/web/deployments', 500, 2);
    const id = await client().create({ ref: 'main', environment: 'prod', payload: { image: 'x:1', groups: ['web'] } });
    expect(id).toEqual(expect.any(Number));
    expect(api.calls).toEqual(Array(3).fill('POST /repos/acme/web/deployments'));
    expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([]);
  });

  test('a dropped connection is retried like a 5xx', async () => {
    api.fail('POST', /\/statuses$/, 'reset', 1);
    const gh = client();
    const id = await gh.create({ ref: 'main', environment: 'prod', payload: { image: 'x:1', groups: [] } });
    expect(await gh.setStatus(id, 'in_progress')).toEqual(expect.any(Number));
    expect(api.statesOf(id!)).toEqual(['in_progress', 'in_progress']);
  });

  test('a permanent 500 gives one warning naming the call and status, and no throw', async () => {
    api.fail('POST', '/repos/acme/web/deployments', 500, 100, { message: 'Server Error' });
    const gh = client();
    const id = await gh.create({ ref: 'main', environment: 'prod', payload: { image: 'x:1', groups: [] } });
    expect(id).toBeUndefined();
    expect(api.calls.length).toBe(3); // the first try and two retries
    const warnings = log.lines.filter((l) => l.startsWith('warning:'));
    expect(warnings).toEqual([
      'warning: GitHub create deployment failed after 3 tries (HTTP 500: Server Error); the deploy goes on without it',
    ]);
    // Without an id the statuses are skipped quietly: one warning is enough.
    await expect(gh.setStatus(id, 'in_progress')).resolves.toBeUndefined();
    await expect(gh.finish(id, 'deployed')).resolves.toBeUndefined();
    expect(api.calls.length).toBe(3);
  });

  test('a 4xx is not retried, and its message is in the warning', async () => {
    api.fail('POST', /\/statuses$/, 422, 1, {
      message: 'Validation Failed',
      errors: [{ resource: 'DeploymentStatus', field: 'state', code: 'invalid' }],
    });
    const gh = client();
    const id = await gh.create({ ref: 'main', environment: 'prod', payload: { image: 'x:1', groups: [] } });
    expect(await gh.setStatus(id, 'success')).toBeUndefined();
    expect(api.calls.filter((c) => c.endsWith('/statuses'))).toHaveLength(1);
    expect(log.text).toContain(
      `warning: GitHub set deployment ${id} status success failed (HTTP 422: Validation Failed (state invalid)); the deploy goes on without it`,
    );
  });

  test('bad credentials: a warning, no throw, and the token in no log line', async () => {
    const wrong = 'ghp_wrongTokenValue0987654321';
    const gh = client({ token: wrong });
    await lifecycle('rolled-back', gh);
    expect(log.text).toContain('HTTP 401: Bad credentials');
    expect(log.text).not.toContain(wrong);
  });

  test('the token is in no log line, even when GitHub echoes it back', async () => {
    api.fail('POST', '/repos/acme/web/deployments', 400, 1, { message: `token ${TOKEN} is not allowed here` });
    const seen: string[] = [];
    // A logger that does no masking of its own: the client must still not hand it the token.
    const raw = {
      info: (m: string) => seen.push(m),
      warn: (m: string) => seen.push(m),
      error: (m: string) => seen.push(m),
      debug: (m: string) => seen.push(m),
      secret: () => undefined,
      mask: (t: string) => t,
      group: <T>(_t: string, fn: () => Promise<T>) => fn(),
    };
    const gh = client({ log: raw });
    await gh.create({ ref: 'main', environment: 'prod', payload: { image: 'x:1', groups: [] } });
    api.fail('POST', /\/statuses$/, 503, 5);
    await lifecycle('failed', gh);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.join('\n')).not.toContain(TOKEN);
    expect(seen.join('\n')).toContain('token *** is not allowed here');
  });

  test('an unreachable API and a timeout end in warnings, never a throw', async () => {
    await api.close();
    const down = client({ retries: 1 });
    expect(await lifecycle('deployed', down)).toBeUndefined();
    expect(log.text).toMatch(
      /warning: GitHub create deployment failed after 2 tries \(fetch failed \(ECONNREFUSED\)\)/,
    );

    // A server that accepts and never answers.
    const http = await import('node:http');
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as { port: number }).port;
      const slow = new GitHubDeployments({
        apiUrl: `http://127.0.0.1:${port}`,
        token: TOKEN,
        repository: 'acme/web',
        log,
        connect: connectOctokit,
        retries: 0,
        timeoutMs: 200,
      });
      const t0 = Date.now();
      expect(
        await slow.create({ ref: 'main', environment: 'prod', payload: { image: 'x:1', groups: [] } }),
      ).toBeUndefined();
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(log.text).toContain('warning: GitHub create deployment failed (timed out)');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test('a client that cannot be made: one warning naming why, no throw, and no call tried', async () => {
    const gh = client({ connect: () => Promise.reject(new Error(`no Octokit for ${TOKEN}`)) });
    expect(await lifecycle('deployed', gh)).toBeUndefined();
    expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([
      'warning: GitHub deployments skipped: no API client (no Octokit for ***)',
    ]);
    expect(api.requests).toEqual([]);
  });

  test('a repository that is not owner/repo: a warning, no request', async () => {
    expect(
      await client({ repository: 'nope' }).create({
        ref: 'main',
        environment: 'prod',
        payload: { image: 'x:1', groups: [] },
      }),
    ).toBeUndefined();
    expect(api.requests).toEqual([]);
    expect(log.text).toContain('repository "nope" is not owner/repo');
  });

  test('an API root with a path (GitHub Enterprise Server) is kept', async () => {
    const gh = new GitHubDeployments({
      apiUrl: `${api.url}/api/v3/`,
      token: TOKEN,
      repository: 'acme/web',
      log,
      connect: connectOctokit,
    });
    await gh.create({ ref: 'main', environment: 'prod', payload: { image: 'x:1', groups: [] } });
    expect(api.calls).toEqual(['POST /api/v3/repos/acme/web/deployments']);
  });

  test('markPreviousInactive marks the earlier successful deployments of the environment only', async () => {
    const gh = client();
    const old = await lifecycle('deployed', gh);
    const failed = await lifecycle('failed', gh);
    const other = await gh.create({ ref: 'main', environment: 'staging', payload: { image: 'x:1', groups: [] } });
    await gh.setStatus(other, 'success');
    const current = await lifecycle('deployed', gh);
    expect(await gh.markPreviousInactive('production', current)).toEqual([old]);
    expect(api.statesOf(old!).at(-1)).toBe('inactive');
    expect(api.statesOf(failed!).at(-1)).toBe('failure');
    expect(api.statesOf(other!).at(-1)).toBe('success');
    expect(api.statesOf(current!).at(-1)).toBe('success');
  });
});

describe('actionsRunUrl', () => {
  test('the run page, with the attempt after the first', () => {
    expect(
      actionsRunUrl({
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'acme/web',
        GITHUB_RUN_ID: '42',
        GITHUB_RUN_ATTEMPT: '1',
      }),
    ).toBe('https://github.com/acme/web/actions/runs/42');
    expect(actionsRunUrl({ GITHUB_REPOSITORY: 'acme/web', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '3' })).toBe(
      'https://github.com/acme/web/actions/runs/42/attempts/3',
    );
    expect(actionsRunUrl({})).toBeUndefined();
  });
});
