// Node 24's url.parse() warning (DEP0169), which docker-modem triggers for every tcp:// engine, is
// dropped; every other warning still goes through. In process on a stand-in, then through the bundle.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { silenceDependencyWarnings } from '../../src/util/node-warnings';

test('DEP0169 is dropped, in both call forms; other warnings go through unchanged', () => {
  const emitWarning = jest.fn();
  const target = { emitWarning } as unknown as NodeJS.Process;
  silenceDependencyWarnings(target);
  silenceDependencyWarnings(target); // twice wraps once
  target.emitWarning('url.parse() is deprecated', 'DeprecationWarning', 'DEP0169');
  target.emitWarning('url.parse() is deprecated', { type: 'DeprecationWarning', code: 'DEP0169' });
  target.emitWarning('something else', 'DeprecationWarning', 'DEP0999');
  target.emitWarning('a plain warning');
  expect(emitWarning.mock.calls).toEqual([['something else', 'DeprecationWarning', 'DEP0999'], ['a plain warning']]);
});

test('loading the bundle installs it: DEP0169 never reaches stderr, other warnings do', () => {
  const index = path.join(__dirname, '../../dist/index.js');
  const script = `require(${JSON.stringify(index)});
    process.emitWarning('url.parse() is deprecated', 'DeprecationWarning', 'DEP0169');
    process.emitWarning('something else', 'DeprecationWarning', 'DEP0999');`;
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(out.status).toBe(0);
  expect(out.stderr).not.toContain('DEP0169');
  expect(out.stderr).toContain('[DEP0999] DeprecationWarning: something else');
});
