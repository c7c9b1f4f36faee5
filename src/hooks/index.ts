// Drain hooks: before-stop and after-healthy, run around each host's swap.
export { readHooks, mergeHooks, HOOK_KEYS, HOOK_PLACEHOLDERS, DEFAULT_HOOK_TIMEOUT_MS } from './config';
export { runHook, type HookDeps } from './run';
export type { CommandAction, HookName, HookResult, HooksSpec, HookSpec, HookVars, HttpAction } from './types';
