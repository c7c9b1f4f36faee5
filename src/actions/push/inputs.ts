// The push action's inputs, read once into validated settings (names as in actions/push/action.yml).
import { parsePushSettings, PushSettings } from '../../push/settings';
import { input, listInput } from '../runtime';

export function readPushInputs(): PushSettings {
  return parsePushSettings({
    tags: listInput('tags'),
    registry: input('registry'),
    username: input('username'),
    password: input('password'),
    retries: input('retries'),
  });
}
