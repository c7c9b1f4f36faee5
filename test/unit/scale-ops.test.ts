// The pure parts of sync, maintain and doctor: which version a group runs and which hosts change,
// when a maintenance wave stops (aviary's answer to ansible#76915), how a command line is quoted
// for the remote shell, and which host port a -p spec publishes.
import { chooseVersion, HostVersion, pinned, planSync } from '../../src/rollout/sync';
import { batchStops, overBudget } from '../../src/maintain/policy';
import { commandLine } from '../../src/maintain/ssh-command';
import { hostPort } from '../../src/doctor/doctor';
import { budget } from '../../src/rollout/plan';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const h = (name: string, extra: Partial<HostVersion> = {}): HostVersion => ({ name, healthy: false, ...extra });
const runs = (name: string, tag: string, digest: string, since: string, healthy = true): HostVersion =>
  h(name, { image: `reg:5000/acme/web:${tag}`, digest, since, state: 'running', healthy });

describe('sync: the version a group runs', () => {
  test('the newest healthy recorded version wins, pinned by its digest', () => {
    const t = chooseVersion([
      runs('a', 'v1', D1, '2026-12-01T10:00:00Z'),
      runs('b', 'v2', D2, '2026-12-01T11:00:00Z'),
      h('c'),
    ]);
    expect(t).toEqual({
      image: `reg:5000/acme/web@${D2}`,
      digest: D2,
      source: expect.stringMatching(/^the newest healthy version: on b, deployed 2026-12-01T11:00:00Z/),
    });
  });

  test('an unhealthy or stopped newer version is not copied', () => {
    const t = chooseVersion([
      runs('a', 'v1', D1, '2026-12-01T10:00:00Z'),
      runs('b', 'v3', D2, '2026-12-01T12:00:00Z', false),
    ]);
    expect(t?.digest).toBe(D1);
    expect(chooseVersion([h('a'), runs('b', 'v3', D2, 'x', false)])).toBeUndefined();
  });

  test.each([
    [h('new'), true, /runs nothing/],
    [runs('old', 'v1', D1, 'x'), true, /runs another version \(reg:5000\/acme\/web:v1\)/],
    [{ ...runs('stopped', 'v2', D2, 'x', false), state: 'exited' }, true, /its container is exited/],
    [runs('same', 'v2', D2, 'x'), false, /runs it, healthy/],
    [{ ...runs('other-tag', 'latest', D2, 'x') }, false, /runs it/],
  ] as const)('%#: %o changes: %s', (host, change, reason) => {
    const [step] = planSync([host], { image: `reg:5000/acme/web@${D2}`, digest: D2, source: 'given' });
    expect(step.change).toBe(change);
    expect(step.reason).toMatch(reason);
  });

  test('pinned keeps the repository, drops the tag, and leaves a reference without a digest alone', () => {
    expect(pinned('reg:5000/acme/web:v2', D2)).toBe(`reg:5000/acme/web@${D2}`);
    expect(pinned(`reg:5000/acme/web:v2@${D1}`, D2)).toBe(`reg:5000/acme/web@${D2}`);
    expect(pinned('reg:5000/acme/web', D2)).toBe(`reg:5000/acme/web@${D2}`);
    expect(pinned('reg:5000/acme/web:v2', undefined)).toBe('reg:5000/acme/web:v2');
    expect(pinned('reg:5000/acme/web:v2', 'sha256:short')).toBe('reg:5000/acme/web:v2');
  });
});

describe('maintain: when the wave stops', () => {
  // [hosts, max-unhealthy, batch size, failed in the batch, failed in the wave] → stops?
  test.each([
    [10, { count: 0 }, 1, 1, 1, true], // the default: the first failure stops it
    [10, { count: 2 }, 1, 1, 1, true], // a canary of one that failed: rule 2, within the budget
    [10, { count: 2 }, 3, 1, 1, false], // one of three failed, within the budget: go on
    [10, { count: 2 }, 3, 1, 3, true], // over the budget
    [10, { percent: 100 }, 1, 1, 1, false], // "every host may fail": ansible#76915's case runs on
    [10, { count: 10 }, 5, 5, 6, false], // a count ≥ the hosts says the same
    [10, { percent: 50 }, 5, 5, 5, true], // half may fail, but a whole batch did
  ] as const)(
    '%i hosts, max-unhealthy %o, batch of %i with %i failed (%i in the wave) → stops %s',
    (total, max, size, batchFailed, failed, stops) => {
      const allowed = budget(max, total);
      expect(batchStops({ total, allowed, failed }, size, batchFailed)).toBe(stops);
    },
  );

  test('no further host starts once the wave is over its budget', () => {
    expect(overBudget({ total: 10, allowed: 1, failed: 1 })).toBe(false);
    expect(overBudget({ total: 10, allowed: 1, failed: 2 })).toBe(true);
  });
});

test('a command given as words is quoted word by word for the remote shell', () => {
  expect(commandLine(['apt-get', '-y', 'upgrade'])).toBe('apt-get -y upgrade');
  expect(commandLine(['sh', '-c', 'echo $HOME && rm -rf /tmp/x'])).toBe(`sh -c 'echo $HOME && rm -rf /tmp/x'`);
  expect(commandLine(['echo', "it's"])).toBe(`echo 'it'\\''s'`);
});

test.each([
  ['8080:8080', 8080],
  ['127.0.0.1:80:8080/tcp', 80],
  ['9000:9000/udp', 9000],
  ['8080', undefined],
  ['[::1]:443:8443', 443],
])('the host port of -p %s is %s', (spec, port) => {
  expect(hostPort(spec)).toBe(port);
});
