// The push action's inputs, each read once into validated settings (names as in actions/push/action.yml).
import { Logger } from '../../log';
import { parsePushSettings, PushSettings } from '../../push/settings';
import { inputReader } from '../runtime';

export const INPUTS = ['tags', 'registry', 'username', 'password', 'retries'] as const;

export type PushInputs = PushSettings;

/** `log` gets the password as a secret before anything is validated, so that no later line can carry it. */
export function readPushInputs(log?: Pick<Logger, 'secret'>): PushInputs {
  const read = inputReader(INPUTS);
  const password = read.text('password');
  log?.secret(password);
  return parsePushSettings({
    tags: read.list('tags'),
    registry: read.text('registry'),
    username: read.text('username'),
    password,
    retries: read.text('retries'),
  });
}
