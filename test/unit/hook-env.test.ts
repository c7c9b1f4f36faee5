// A command hook runs with a minimal environment plus the names its config lists (issue 10): never
// the runner's inputs (INPUT_PASSWORD, INPUT_SSH-KEY, INPUT_GITHUB-TOKEN) or secret-env values.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Problems } from '../../src/errors';
import { readHooks } from '../../src/hooks/config';
import { runHook } from '../../src/hooks/run';
import { MemoryLogger } from '../support/memory-logger';

const VARS = { host: 'web-2', address: '10.0.0.2', group: 'web', service: 'shop' };

test('the hook sees PATH, HOME, the AVIARY_ variables and what env: names; nothing of the inputs or secrets', async () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-hook-env-')), 'env.json');
  const p = new Problems();
  const { hooks } = {
    hooks: readHooks(p, 'hooks', {
      'before-stop': {
        command: [
          process.execPath,
          '-e',
          'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.env))',
          out,
        ],
        env: ['LB_TOKEN'],
      },
    }),
  };
  expect(p.list).toEqual([]);
  const env = {
    PATH: process.env.PATH,
    HOME: '/home/runner',
    LB_TOKEN: 'lb-token-value',
    INPUT_PASSWORD: 'registry-password-value',
    'INPUT_SSH-KEY': '-----BEGIN OPENSSH PRIVATE KEY-----',
    'INPUT_GITHUB-TOKEN': 'ghs_tokenvalue',
    DATABASE_URL: 'postgres://u:secret@db/app',
  };
  const r = await runHook(hooks!.beforeStop!, VARS, new MemoryLogger(), undefined, { env });
  expect(r.ok).toBe(true);
  const seen = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, string>;
  expect(seen).toMatchObject({
    HOME: '/home/runner',
    LB_TOKEN: 'lb-token-value',
    AVIARY_HOST: 'web-2',
    AVIARY_SERVICE: 'shop',
  });
  for (const name of ['INPUT_PASSWORD', 'INPUT_SSH-KEY', 'INPUT_GITHUB-TOKEN', 'DATABASE_URL'])
    expect(seen[name]).toBeUndefined();
});

test('env: takes variable names only, and only on a command hook', () => {
  const p = new Problems();
  readHooks(p, 'hooks', {
    'before-stop': { command: ['/bin/true'], env: ['OK_NAME', 'bad name'] },
    'after-healthy': { http: { url: 'http://lb/ready' }, env: ['X'] },
  });
  expect(p.list.join('\n')).toMatch(/hooks\.before-stop\.env\[1\]: "bad name" is not an environment variable name/);
  expect(p.list.join('\n')).toMatch(/hooks\.after-healthy\.env: only a command hook runs with an environment/);
});
