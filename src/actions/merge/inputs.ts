// The merge action's inputs, read once into validated settings (names as in actions/merge/action.yml).
import { MergeSettings, parseMergeSettings } from '../../build/merge';
import { input, listInput } from '../runtime';

export function readMergeInputs(): MergeSettings {
  return parseMergeSettings({
    sources: listInput('sources'),
    tags: listInput('tags'),
    username: input('username'),
    password: input('password'),
  });
}
