// The vocabulary of drain hooks: what runs around a host's swap to take it out of a load balancer
// before its old container stops, and to put it back once its new one is healthy.

export type HookName = 'before-stop' | 'after-healthy';

/** A program run directly (never through a shell), with {{placeholders}} filled in inside each argument. */
export interface CommandAction {
  kind: 'command';
  argv: string[];
  /** Variables of the runner's environment the command is given, besides the minimal set (hooks/run.ts). */
  env?: string[];
}

/** An HTTP request; {{placeholders}} are filled in percent-encoded in the URL, as written in headers and body. */
export interface HttpAction {
  kind: 'http';
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  expectStatus: [number, number]; // inclusive range
}

export interface HookSpec {
  name: HookName;
  field: string; // where it was written (groups.web.hooks.before-stop), for messages
  action: CommandAction | HttpAction;
  timeoutMs: number;
}

export interface HooksSpec {
  beforeStop?: HookSpec;
  afterHealthy?: HookSpec;
}

/** Who the hook is about. */
export interface HookVars {
  host: string; // the host's name
  address: string; // its address (where health checks go)
  group: string;
  service: string;
}

export interface HookResult {
  ok: boolean;
  hook: HookName;
  host: string;
  durationMs: number;
  /** "before-stop hook on web-2: [...] exited with code 3 after 0.2s: <last output>", or what it did. */
  message: string;
  exitCode?: number;
  status?: number;
  /** The end of the command's output or the HTTP answer, on a few lines. */
  output?: string;
}
