// The merge action's inputs, each read once into validated settings (names as in actions/merge/action.yml).
import { MergeSettings, parseMergeSettings } from '../../build/merge';
import { Logger } from '../../log';
import { inputReader } from '../runtime';

export const INPUTS = ['sources', 'tags', 'username', 'password'] as const;

export type MergeInputs = MergeSettings;

/** `log` gets the password as a secret before anything is validated, so that no later line can carry it. */
export function readMergeInputs(log?: Pick<Logger, 'secret'>): MergeInputs {
  const read = inputReader(INPUTS);
  const password = read.text('password');
  log?.secret(password);
  return parseMergeSettings({
    sources: read.list('sources'),
    tags: read.list('tags'),
    username: read.text('username'),
    password,
  });
}
