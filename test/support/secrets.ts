// Finding secrets in what a run wrote: the forms a secret takes in text (the value, base64
// `user:pass`, each line of a PEM or OpenSSH key), a search over every captured source, and the
// runners that execute the bundle as GitHub does and capture everything it wrote.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** One form of one secret, to be looked for verbatim. */
export interface Needle {
  /** What it is, for the failure message: `registry password`, `TLS key line 2`… */
  name: string;
  text: string;
}

/** Where a needle was found: the source (e.g. `run 2 stdout`), the offset and a redacted excerpt. */
export interface Leak {
  secret: string;
  source: string;
  offset: number;
  context: string;
}

/** Lines shorter than this cannot tell a key apart from ordinary text. */
const MIN_LINE = 16;

/** A registry password as an engine or registry could echo it: itself and base64 `user:pass`. */
export function registryNeedles(label: string, username: string, password: string): Needle[] {
  const out: Needle[] = [
    { name: `${label}`, text: password },
    { name: `${label} as base64 user:pass`, text: Buffer.from(`${username}:${password}`).toString('base64') },
  ];
  const encoded = encodeURIComponent(password);
  if (encoded !== password) out.push({ name: `${label} URL-encoded`, text: encoded });
  return out;
}

/** A PEM or OpenSSH private key: the whole text, and each body line (what a log may hold of it). */
export function keyNeedles(label: string, pem: string): Needle[] {
  const out: Needle[] = [{ name: `${label} (whole)`, text: pem.trim() }];
  const escaped = JSON.stringify(pem.trim()).slice(1, -1);
  out.push({ name: `${label} (JSON-escaped)`, text: escaped });
  pem
    .split(/\r?\n/)
    .map((l) => l.trim())
    .forEach((line, i) => {
      if (line.length >= MIN_LINE && !line.startsWith('-----'))
        out.push({ name: `${label} line ${i + 1}`, text: line });
    });
  return out;
}

/** A plain secret value (secret-env): itself, and its JSON-escaped form when that differs. */
export function valueNeedles(label: string, value: string): Needle[] {
  const out: Needle[] = [{ name: label, text: value }];
  const escaped = JSON.stringify(value).slice(1, -1);
  if (escaped !== value) out.push({ name: `${label} (JSON-escaped)`, text: escaped });
  return out;
}

/** Every occurrence of every needle in every source; the excerpt shows the secret as «name». */
export function findLeaks(sources: Record<string, string>, needles: Needle[]): Leak[] {
  const leaks: Leak[] = [];
  for (const [source, text] of Object.entries(sources)) {
    for (const n of needles) {
      if (!n.text) continue;
      let from = 0;
      for (;;) {
        const at = text.indexOf(n.text, from);
        if (at < 0) break;
        const before = text.slice(Math.max(0, at - 60), at);
        const after = text.slice(at + n.text.length, at + n.text.length + 60);
        leaks.push({ secret: n.name, source, offset: at, context: `${before}«${n.name}»${after}`.replace(/\n/g, '⏎') });
        from = at + n.text.length;
      }
    }
  }
  return leaks;
}

/** A readable list of leaks for an assertion message. */
export function describeLeaks(leaks: Leak[]): string {
  return leaks.map((l) => `${l.secret} in ${l.source} @${l.offset}: …${l.context}…`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// What GitHub's runner reads from an action: workflow commands on stdout, files for outputs.

/** A workflow command line (`::error file=x::message`), its data decoded as the runner does. */
export interface WorkflowCommand {
  command: string;
  properties: string;
  data: string;
}

/** @actions/core escapes %, CR and LF in command data; the runner turns them back. */
export function decodeCommandData(s: string): string {
  const map: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' };
  return s.replace(/%(?:25|0D|0A|3A|2C)/g, (m) => map[m]);
}

export function workflowCommands(stdout: string): WorkflowCommand[] {
  const out: WorkflowCommand[] = [];
  for (const line of stdout.split('\n')) {
    // `s`: U+2028 and U+2029 are not line breaks for the runner (it splits on CR and LF only).
    const m = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/s.exec(line);
    if (m) out.push({ command: m[1], properties: m[2] ?? '', data: decodeCommandData(m[3]) });
  }
  return out;
}

/** What the runner shows of stdout: it consumes the ::add-mask:: commands instead of printing them. */
export function shownStdout(stdout: string): string {
  return stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}

/** The values registered with ::add-mask:: (decoded), i.e. what the runner would mask. */
export function maskedValues(stdout: string): string[] {
  return workflowCommands(stdout)
    .filter((c) => c.command === 'add-mask')
    .map((c) => c.data);
}

/** The outputs GitHub reads from a GITHUB_OUTPUT file (`name=value` or `name<<delimiter … delimiter`). */
export function readOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) value.push(lines[i]);
      out[heredoc[1]] = value.join('\n');
    } else if (lines[i].includes('=')) {
      out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running the bundle.

export const REPO = path.resolve(__dirname, '../..');

/** The bundle to run: dist/, or the folder AVIARY_DIST names (relative to the repository). */
export function distDir(): string {
  return path.resolve(REPO, process.env.AVIARY_DIST ?? 'dist');
}

export interface ProcessRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  signal?: string;
}

/** Runs node on a script with exactly the given environment (nothing inherited), optional stdin. */
export function runNode(
  script: string,
  args: string[],
  env: Record<string, string>,
  options: { stdin?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<ProcessRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [script, ...args],
      {
        env,
        cwd: options.cwd ?? REPO,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { code?: number | string; signal?: string }) | null;
        resolve({
          code: e ? (typeof e.code === 'number' ? e.code : 1) : 0,
          stdout,
          stderr,
          ms: performance.now() - started,
          signal: e?.signal ?? undefined,
        });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}

/** The environment variable an action input is read from (as @actions/core reads it). */
export function inputVar(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export interface ActionRun extends ProcessRun {
  outputs: Record<string, string>;
  /** The raw files the runner would read after the step. */
  files: { output: string; summary: string; state: string };
}

/**
 * Runs `node <dist>/<action>/index.js` as the runner does: inputs as INPUT_* variables, the
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_STATE files in a fresh folder (read back, then removed).
 */
export async function runActionBundle(
  action: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<ActionRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aviary-sec-${action}-`));
  const files = {
    output: path.join(dir, 'output'),
    summary: path.join(dir, 'summary.md'),
    state: path.join(dir, 'state'),
  };
  for (const f of Object.values(files)) fs.writeFileSync(f, '');
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    RUNNER_TEMP: dir,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputVar(k), v])),
    ...env,
  };
  try {
    const run = await runNode(path.join(distDir(), action, 'index.js'), [], childEnv, options);
    const read = (f: string) => fs.readFileSync(f, 'utf8');
    const text = { output: read(files.output), summary: read(files.summary), state: read(files.state) };
    return { ...run, outputs: readOutputs(text.output), files: text };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Calls onLine with each whole line of a process's output stream, and the unfinished last one at its end. */
export function eachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const line of parts) onLine(line);
  });
  stream.on('end', () => {
    if (rest) onLine(rest);
  });
}
