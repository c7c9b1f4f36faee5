// A push's settings, validated from raw inputs or flags, every problem reported at once.
import { Problems } from '../errors';
import { isRegistryHost, registryOf } from '../registry/reference';
import { parseTags } from '../build/settings';

export interface PushSettings {
  /** Every tag to push, with :latest explicit. */
  tags: string[];
  /** The registry the credentials are for: the host of the first tag unless given. */
  registry: string;
  username?: string;
  password?: string;
  /** Further tries after a transient failure (429, 5xx, dropped connection). */
  retries: number;
}

export interface RawPushSettings {
  tags: string[];
  registry: string;
  username: string;
  password: string;
  retries: string;
}

export type PushFieldNames = Record<keyof RawPushSettings, string>;

export const PUSH_INPUT_NAMES: PushFieldNames = {
  tags: 'input tags',
  registry: 'input registry',
  username: 'input username',
  password: 'input password',
  retries: 'input retries',
};

export const MAX_RETRIES = 20;

export function parsePushSettings(raw: RawPushSettings, names: PushFieldNames = PUSH_INPUT_NAMES): PushSettings {
  const problems = new Problems();
  if (!raw.tags.length)
    problems.add(names.tags, undefined, 'at least one image tag to push, like registry.example.com/acme/web:1.2');
  const tags = parseTags(raw.tags, names.tags, problems);
  let registry = raw.registry.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  if (registry && !isRegistryHost(registry))
    problems.add(names.registry, raw.registry, 'a registry host with an optional port, like ghcr.io or 10.0.0.2:5000');
  if (!registry && tags.length) registry = registryOf(tags[0]);
  let retries = 3;
  if (raw.retries !== '') {
    if (!/^\d+$/.test(raw.retries) || Number(raw.retries) > MAX_RETRIES)
      problems.add(names.retries, raw.retries, `a whole number of retries from 0 to ${MAX_RETRIES}`);
    else retries = Number(raw.retries);
  }
  if (raw.username && !raw.password)
    problems.add(names.password, undefined, `the password or token of user "${raw.username}"`);
  // Never show the password itself, not even in a validation message.
  if (raw.password && !raw.username)
    problems.raw(`${names.username}: is missing (expected the user the password belongs to)`);
  problems.throwIfAny();
  return { tags, registry, username: raw.username || undefined, password: raw.password || undefined, retries };
}
