// GitHub's runner as far as one step of a JavaScript action goes, driving the bundle in dist/: the
// main script with INPUT_* variables and fresh GITHUB_OUTPUT/GITHUB_STATE/GITHUB_STEP_SUMMARY
// files, a cancel as the runner sends it (SIGINT, then SIGTERM, then SIGKILL), and the post step
// with the state the main step saved as STATE_* variables. Also the `aviary` CLI of the same
// bundle, optionally on "another machine" (its own hostname, in a UTS namespace).
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { distDir, eachLine, inputVar, readOutputs, REPO } from './secrets';

/** One line a step printed (stdout or stderr), with when it arrived. */
export interface StepLine {
  at: number;
  text: string;
}

export interface StepResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  text: string;
  ms: number;
  /** It did not end by itself within its time limit and was SIGKILLed by the test. */
  hung: boolean;
}

export interface StepOptions {
  /** More environment variables (the base is PATH and HOME only, as in a clean runner job). */
  env?: Record<string, string>;
  /** Run under `unshare -u` with this hostname: a run on another machine, as far as aviary can tell. */
  hostname?: string;
  /** Kill it (and mark it hung) after this long. */
  limitMs?: number;
}

/** The base environment of every process started here: nothing of the test's own environment leaks in. */
function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root' };
}

/** A node process on a script of the bundle: its output line by line with times, signals, its end. */
export class NodeStep {
  readonly child: ChildProcess;
  readonly lines: StepLine[] = [];
  readonly started = Date.now();
  readonly done: Promise<StepResult>;
  /** Signals sent, in order, with their times. */
  readonly sent: Array<{ signal: NodeJS.Signals; at: number }> = [];
  ended?: number;
  private waiters: Array<{ re: RegExp; resolve: (line: string) => void }> = [];

  constructor(
    readonly script: string,
    args: string[],
    env: Record<string, string>,
    options: StepOptions = {},
  ) {
    const node = [process.execPath, script, ...args];
    let argv = node;
    if (options.hostname !== undefined) {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(options.hostname)) throw new Error(`not a hostname: ${options.hostname}`);
      // unshare and sh exec the next program: the pid signalled is node's own.
      argv = ['unshare', '-u', 'sh', '-c', `hostname ${options.hostname}; exec "$@"`, 'sh', ...node];
    }
    this.child = spawn(argv[0], argv.slice(1), {
      cwd: REPO,
      env: { ...baseEnv(), ...env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) eachLine(stream, (line) => this.line(line));
    let hung = false;
    const limit = setTimeout(() => {
      hung = true;
      this.child.kill('SIGKILL');
    }, options.limitMs ?? 120_000);
    this.done = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        clearTimeout(limit);
        this.ended = Date.now();
        for (const w of this.waiters) w.resolve('');
        this.waiters = [];
        resolve({ code, signal, text: this.text, ms: this.ended - this.started, hung });
      });
    });
  }

  private line(text: string): void {
    this.lines.push({ at: Date.now(), text });
    this.waiters = this.waiters.filter((w) => {
      if (!w.re.test(text)) return true;
      w.resolve(text);
      return false;
    });
  }

  get text(): string {
    return this.lines.map((l) => l.text).join('\n');
  }

  get exited(): boolean {
    return this.ended !== undefined;
  }

  /** The first line matching `re`, printed already or to come; '' when the process ends without one. */
  waitFor(re: RegExp): Promise<string> {
    const seen = this.lines.find((l) => re.test(l.text));
    if (seen) return Promise.resolve(seen.text);
    if (this.exited) return Promise.resolve('');
    return new Promise((resolve) => this.waiters.push({ re, resolve }));
  }

  /** Like waitFor; a process that ends without such a line fails the test with what it printed. */
  async reach(re: RegExp): Promise<string> {
    const line = await this.waitFor(re);
    if (!line)
      throw new Error(`${path.relative(REPO, this.script)} ended before printing a line matching ${re}:\n${this.text}`);
    return line;
  }

  /** Sends a signal unless the process has ended; returns whether it was sent. */
  signal(sig: NodeJS.Signals): boolean {
    if (this.exited || this.child.exitCode !== null || this.child.signalCode !== null) return false;
    this.sent.push({ signal: sig, at: Date.now() });
    return this.child.kill(sig);
  }

  /** The lines printed before an instant: what the process was doing when a signal reached it. */
  linesBefore(at: number): string[] {
    return this.lines.filter((l) => l.at <= at).map((l) => l.text);
  }

  /** The deployment id the run announced ("…, deployment <id>"). */
  get deployment(): string | undefined {
    return deploymentIn(this.text);
  }
}

/** The first deployment id announced in a run's output. */
export function deploymentIn(text: string): string | undefined {
  return /\bdeployment ([0-9A-Za-z][0-9A-Za-z._-]*[0-9A-Za-z])/.exec(text)?.[1];
}

/** The path of a script of the bundle, e.g. `cli.js`. */
export function bundleScript(relative: string): string {
  return path.join(distDir(), relative);
}

/** What the runner reads from an action's action.yml: its scripts (in the bundle) and its inputs' defaults. */
export interface ActionDefinition {
  /** The folder of the action.yml, relative to the repository: `.` for the root action, `actions/deploy`… */
  dir: string;
  main: string;
  /** runs.post as a path in the bundle, or undefined when the action declares no post step. */
  post?: string;
  defaults: Record<string, string>;
}

/**
 * Reads an action.yml as the runner does. runs.main and runs.post name files under dist/; they
 * are taken from the bundle the tests run (AVIARY_DIST), at the same place under it.
 */
export function actionDefinition(dir: string): ActionDefinition {
  // A bundle built in a copy of the repository (AVIARY_DIST=/copy/dist) goes with that copy's action.yml files.
  const root = fs.existsSync(path.join(distDir(), '..', 'action.yml')) ? path.resolve(distDir(), '..') : REPO;
  const file = path.join(root, dir, 'action.yml');
  const doc = parse(fs.readFileSync(file, 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>;
    runs?: { main?: string; post?: string };
  };
  const inBundle = (script: string) => {
    const relative = path.relative(path.join(root, 'dist'), path.resolve(path.dirname(file), script));
    if (relative.startsWith('..')) throw new Error(`${dir}/action.yml: ${script} is not under dist/`);
    return path.join(distDir(), relative);
  };
  if (!doc.runs?.main) throw new Error(`${dir}/action.yml has no runs.main`);
  const defaults: Record<string, string> = {};
  for (const [name, spec] of Object.entries(doc.inputs ?? {}))
    if (spec?.default !== undefined) defaults[name] = String(spec.default);
  return { dir, main: inBundle(doc.runs.main), post: doc.runs.post ? inBundle(doc.runs.post) : undefined, defaults };
}

/** A step of an action, main or post, with the runner's files; every declared input is set (given, or its default). */
export class ActionStep extends NodeStep {
  constructor(
    readonly action: ActionDefinition,
    script: string,
    readonly inputs: Record<string, string>,
    readonly files: RunnerFiles,
    readonly stepEnv: Record<string, string>,
    options: StepOptions = {},
  ) {
    super(
      script,
      [],
      {
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_STATE: files.state,
        GITHUB_ENV: files.env,
        RUNNER_TEMP: files.dir,
        ...Object.fromEntries(Object.entries({ ...action.defaults, ...inputs }).map(([k, v]) => [inputVar(k), v])),
        ...stepEnv,
      },
      options,
    );
  }

  /** What the step saved with core.saveState (read from its GITHUB_STATE file, as the runner does). */
  state(): Record<string, string> {
    return readOutputs(fs.readFileSync(this.files.state, 'utf8'));
  }

  outputs(): Record<string, string> {
    return readOutputs(fs.readFileSync(this.files.output, 'utf8'));
  }
}

/** The runner's files of one step, in a folder of their own. */
export interface RunnerFiles {
  dir: string;
  output: string;
  summary: string;
  state: string;
  env: string;
}

function runnerFiles(label: string): RunnerFiles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aviary-runner-${label.replace(/\W+/g, '-')}-`));
  const files = {
    dir,
    output: path.join(dir, 'output'),
    summary: path.join(dir, 'summary.md'),
    state: path.join(dir, 'state'),
    env: path.join(dir, 'env'),
  };
  for (const f of [files.output, files.summary, files.state, files.env]) fs.writeFileSync(f, '');
  return files;
}

/** Starts an action's main step (runs.main of `<dir>/action.yml`, from the bundle) as the runner does. */
export function startAction(
  dir: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  options: StepOptions = {},
): ActionStep {
  const action = actionDefinition(dir);
  return new ActionStep(action, action.main, inputs, runnerFiles(dir), env, options);
}

/**
 * Runs the post step of a main step as the runner does after the main step ended (however it
 * ended): runs.post of the same action.yml, the same inputs and environment, and every value the
 * main step saved as STATE_<name>. Throws when the action declares no post step.
 */
export function startPost(main: ActionStep, env: Record<string, string> = {}, options: StepOptions = {}): ActionStep {
  if (!main.action.post) throw new Error(`${main.action.dir}/action.yml declares no post step`);
  if (!fs.existsSync(main.action.post))
    throw new Error(
      `${main.action.dir}/action.yml names the post step ${main.action.post}, which the bundle lacks (npm run bundle)`,
    );
  const state = Object.fromEntries(Object.entries(main.state()).map(([k, v]) => [`STATE_${k}`, v]));
  // The step's `env:` applies to its post step too.
  return new ActionStep(
    main.action,
    main.action.post,
    main.inputs,
    runnerFiles(`${main.action.dir}-post`),
    { ...main.stepEnv, ...env, ...state },
    options,
  );
}

/** `node dist/cli.js <args>`. */
export function startCli(args: string[], options: StepOptions = {}): NodeStep {
  return new NodeStep(bundleScript('cli.js'), args, {}, options);
}

export interface CancelTimes {
  /** From SIGINT to SIGTERM (GitHub: 7.5 s); undefined sends none. */
  termAfterMs?: number;
  /** From SIGTERM (or SIGINT when there is none) to SIGKILL (GitHub: 2.5 s). */
  killAfterMs: number;
}

export interface Cancelled {
  /** The SIGKILL reached a live process (it had not ended by itself before). */
  killed: boolean;
  result: StepResult;
  /** When the SIGKILL was sent (or would have been). */
  killAt: number;
}

/**
 * The runner's cancel of a step: SIGINT now, SIGTERM after `termAfterMs`, SIGKILL after
 * `killAfterMs` more (GitHub waits 7.5 s and 2.5 s; tests use shorter, random delays so that the
 * kill lands inside the step). A process that ends on its own stops the sequence.
 */
export async function cancelLikeRunner(step: NodeStep, times: CancelTimes): Promise<Cancelled> {
  const ended = step.done.then(() => true);
  const wait = (ms: number) => Promise.race([ended, new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
  step.signal('SIGINT');
  if (times.termAfterMs !== undefined && !(await wait(times.termAfterMs))) step.signal('SIGTERM');
  let killed = false;
  let killAt = Date.now() + times.killAfterMs;
  if (!(await wait(times.killAfterMs))) {
    killAt = Date.now();
    killed = step.signal('SIGKILL');
  }
  const result = await step.done;
  return { killed: killed && result.signal === 'SIGKILL', result, killAt };
}

/** The log group (`::group::<title>` of the actions, `▸ <title>` of the CLI) open at an instant, and the last line. */
export function whereAt(step: NodeStep, at: number): { group: string; last: string } {
  const before = step.linesBefore(at);
  let group = '(before the first group)';
  for (const l of before) {
    const g = /^(?:::group::|▸ )(.*)$/.exec(l);
    if (g) group = g[1];
    else if (l === '::endgroup::') group = `after ${group.replace(/^after /, '')}`;
  }
  const last = [...before].reverse().find((l) => l.trim() && l !== '::endgroup::') ?? '';
  return { group, last };
}
