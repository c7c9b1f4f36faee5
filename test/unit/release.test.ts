// scripts/release, run on throwaway git repositories (with a bare one as origin): it tags vX.Y.Z and
// moves vX only from a clean tree whose dist/ is what the build makes and whose package.json has the
// version; a dry run checks everything and tags nothing. The build is a stand-in (AVIARY_RELEASE_BUNDLE),
// so that these tests do not run ncc; the real `npm run bundle` is what CI's dist job checks.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const RELEASE = path.resolve(__dirname, '../../scripts/release');
const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  // The stand-in build: dist/index.js is src/index.js with a header.
  AVIARY_RELEASE_BUNDLE: 'mkdir -p dist && { echo // built; cat src/index.js; } > dist/index.js',
};

let dir: string;
let repo: string;
let origin: string;

function run(cmd: string, args: string[], cwd = repo): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, env: ENV, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
const git = (...args: string[]) => {
  const r = run('git', args);
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.out}`);
  return r.out.trim();
};
const release = (...args: string[]) => run('bash', [RELEASE, ...args]);
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), text);
};

/** A commit whose source says `code`, with the matching dist/ and package.json at `version`. */
function commit(version: string, code: string): string {
  write('package.json', JSON.stringify({ name: 'aviary', version }, null, 2) + '\n');
  write('src/index.js', `${code}\n`);
  write('dist/index.js', `// built\n${code}\n`);
  git('add', '-A');
  git('commit', '-q', '-m', `${version}: ${code}`);
  return git('rev-parse', 'HEAD');
}
const tagged = (tag: string, where = repo) => {
  const r = run('git', ['rev-parse', '-q', '--verify', `refs/tags/${tag}^{commit}`], where);
  return r.status === 0 ? r.out.trim() : undefined;
};
const remoteTags = () =>
  git('ls-remote', '--tags', '--refs', 'origin')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t')[1])
    .sort();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-release-'));
  origin = path.join(dir, 'origin.git');
  repo = path.join(dir, 'work');
  fs.mkdirSync(repo);
  run('git', ['init', '-q', '--bare', origin], dir);
  git('init', '-q', '-b', 'main');
  git('remote', 'add', 'origin', origin);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('tags vX.Y.Z and vX on the commit and pushes both; the next release moves vX', () => {
  const first = commit('1.0.0', 'one');
  const r = release('1.0.0');
  expect(r).toEqual({ status: 0, out: expect.stringContaining('v1.0.0 and v1 now name') });
  expect([tagged('v1.0.0'), tagged('v1')]).toEqual([first, first]);
  expect(remoteTags()).toEqual(['refs/tags/v1', 'refs/tags/v1.0.0']);
  expect(tagged('v1', origin)).toBe(first);

  const second = commit('1.1.0', 'two');
  expect(release('v1.1.0').status).toBe(0);
  expect([tagged('v1.0.0'), tagged('v1.1.0'), tagged('v1')]).toEqual([first, second, second]);
  expect(tagged('v1', origin)).toBe(second);
  expect(tagged('v1.0.0', origin)).toBe(first);
});

test('a dry run checks everything, prints what it would do, and tags nothing', () => {
  const head = commit('2.0.0', 'x');
  const r = release('2.0.0', '--dry-run');
  expect(r.status).toBe(0);
  expect(r.out).toContain('dry run — all checks passed for v2.0.0');
  expect(r.out).toContain(`git tag -fa v2 -m 'aviary v2: v2.0.0' ${head}`);
  expect(r.out).toContain('git push --force origin refs/tags/v2');
  expect(git('tag')).toBe('');
  expect(remoteTags()).toEqual([]);
});

test('a pre-release gets its own tag; vX stays on the last full release', () => {
  const full = commit('1.0.0', 'one');
  expect(release('1.0.0').status).toBe(0);
  const rc = commit('1.1.0-rc.1', 'two');
  const r = release('1.1.0-rc.1');
  expect(r).toEqual({ status: 0, out: expect.stringContaining('a pre-release: v1 stays where it was') });
  expect([tagged('v1.1.0-rc.1'), tagged('v1')]).toEqual([rc, full]);
});

describe('refuses, tagging nothing', () => {
  test.each<[string, () => string[], RegExp]>([
    [
      'an uncommitted change',
      () => {
        commit('1.0.0', 'one');
        write('src/index.js', 'changed\n');
        return ['1.0.0'];
      },
      /the working tree is not clean[\s\S]*src\/index\.js/,
    ],
    [
      'an untracked file',
      () => {
        commit('1.0.0', 'one');
        write('notes.txt', 'x');
        return ['1.0.0'];
      },
      /not clean[\s\S]*notes\.txt/,
    ],
    [
      'a dist/ the source does not build',
      () => {
        commit('1.0.0', 'one');
        write('dist/index.js', 'stale\n');
        git('commit', '-qam', 'stale dist');
        return ['1.0.0'];
      },
      /the committed dist\/ is not what the source builds/,
    ],
    [
      'a package.json at another version',
      () => {
        commit('0.9.0', 'one');
        return ['1.0.0'];
      },
      /package\.json has version 0\.9\.0, not 1\.0\.0/,
    ],
    [
      'a version that is not X.Y.Z',
      () => {
        commit('1.2.0', 'one');
        return ['1.2'];
      },
      /"1\.2" is not X\.Y\.Z/,
    ],
    [
      'an unknown option',
      () => {
        commit('1.0.0', 'one');
        return ['1.0.0', '--force'];
      },
      /unknown option --force/,
    ],
  ])('%s', (_name, setup, message) => {
    const args = setup();
    const r = release(...args);
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(message);
    expect(git('tag')).toBe('');
    expect(remoteTags()).toEqual([]);
  });

  test('a tag that exists, and a release older than the newest of its major', () => {
    commit('1.1.0', 'one');
    expect(release('1.1.0').status).toBe(0);
    const again = release('1.1.0');
    expect(again.status).not.toBe(0);
    expect(again.out).toMatch(/tag v1\.1\.0 exists already/);
    commit('1.0.5', 'two');
    const older = release('1.0.5');
    expect(older.status).not.toBe(0);
    expect(older.out).toMatch(/v1\.0\.5 is older than v1\.1\.0, the newest release of v1/);
    expect(git('tag').split('\n').sort()).toEqual(['v1', 'v1.1.0']);
  });
});
