// actions/deploy with github-token and environment, run from the bundle as the runner runs it, records
// the rollout as a GitHub deployment through @actions/github's Octokit (a lazily loaded chunk of the
// bundle) against a local stand-in of the REST API.
// Needs the bundle: dist/ (`npm run bundle`), or the folder AVIARY_DIST names.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startAction } from '../support/github-runner';
import { DeployFixture, HostRef } from '../support/deploy-fixture';
import { FakeGitHubApi, startGitHubApi } from '../support/github-api';
import { distDir } from '../support/secrets';

const TOKEN = 'ghs_e2eDeployToken0123456789abcdef';
const fx = new DeployFixture('gh-dep', 18960);
const bundled = fs.existsSync(path.join(distDir(), 'deploy/index.js'));
const maybe = bundled ? test : test.skip;
if (!bundled) console.warn(`skipping: no bundle at ${distDir()} (run \`npm run bundle\`, or set AVIARY_DIST)`);
let host: HostRef;
let api: FakeGitHubApi;
let good: string, broken: string;

beforeAll(async () => {
  if (!bundled) return;
  host = fx.host('h1');
  await fx.clean([host]);
  [good, broken] = [await fx.image('v1'), await fx.image('v2', { healthy: false })];
  fx.writeConfig({ web: [host.endpoint] });
}, 180_000);
afterAll(async () => {
  if (bundled) await fx.clean([host]);
});
beforeEach(async () => {
  api = await startGitHubApi();
  api.token = TOKEN;
});
afterEach(() => api.close());

function deployStep(image: string) {
  return startAction(
    'actions/deploy',
    { config: path.join(fx.dir, 'aviary.yml'), image, 'github-token': TOKEN, environment: 'staging' },
    {
      GITHUB_API_URL: api.url,
      GITHUB_REPOSITORY: 'acme/web',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_RUN_ID: '42',
    },
  );
}

/** Lines that show the token: only the runner's `::add-mask::` command may carry it. */
const tokenLines = (text: string) => text.split('\n').filter((l) => l.includes(TOKEN) && !l.startsWith('::add-mask::'));

maybe(
  'a deployed rollout: the deployment is created for the sha, then in_progress and success; its id is an output',
  async () => {
    const step = deployStep(good);
    const r = await step.done;
    expect({ code: r.code, tail: r.code === 0 ? '' : r.text.slice(-1500) }).toEqual({ code: 0, tail: '' });
    const id = Number(step.outputs()['deployment-id']);
    // When none was created, the lines that say why.
    const why =
      id > 0
        ? ''
        : r.text
            .split('\n')
            .filter((l) => /github|deployment/i.test(l))
            .join('\n');
    expect({ created: id > 0, why }).toEqual({ created: true, why: '' });
    expect(api.calls).toEqual([
      'POST /repos/acme/web/deployments',
      `POST /repos/acme/web/deployments/${id}/statuses`,
      `POST /repos/acme/web/deployments/${id}/statuses`,
    ]);
    expect(api.requests[0].body).toMatchObject({
      ref: 'a'.repeat(40),
      environment: 'staging',
      payload: { image: good, groups: ['web'] },
    });
    expect(api.statesOf(id)).toEqual(['in_progress', 'success']);
    expect(api.requests[1].body).toMatchObject({ log_url: 'https://github.com/acme/web/actions/runs/42' });
    expect(api.requests.every((q) => q.headers.authorization === `token ${TOKEN}`)).toBe(true);
    expect(r.text).toContain(`GitHub deployment ${id} created for staging`);
    expect(tokenLines(r.text)).toEqual([]);
  },
  120_000,
);

maybe(
  'a rolled-back rollout ends failure then inactive; a status GitHub refuses twice is retried',
  async () => {
    api.fail('POST', /\/statuses$/, 502, 2);
    const step = deployStep(broken);
    const r = await step.done;
    expect(r.code).toBe(1);
    expect(step.outputs().result).toBe('rolled-back');
    const id = Number(step.outputs()['deployment-id']);
    expect(api.statesOf(id)).toEqual(['in_progress', 'in_progress', 'in_progress', 'failure', 'inactive']);
    expect(r.text).toMatch(/::debug::GitHub set deployment \d+ status in_progress: HTTP 502: Server Error; retry 1\/2/);
    expect(r.text).not.toMatch(/::warning::GitHub/);
    expect(await fx.version(host)).toBe('v1');
    expect(tokenLines(r.text)).toEqual([]);
  },
  120_000,
);
