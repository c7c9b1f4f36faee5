// Asking a program for a group's hosts (a cloud CLI, a script over an inventory API): run without a
// shell, within a deadline, its output read as JSON or as one host per line.
import { execFile } from 'node:child_process';
import { formatDuration } from '../util/duration';
import { CommandSource } from './types';

const MAX_OUTPUT = 1024 * 1024;

/** A host as the program printed it: an endpoint or address text, or a mapping {name, docker | address}. */
export type Printed = {
  line?: number;
  index?: number;
  text?: string;
  name?: unknown;
  docker?: unknown;
  address?: unknown;
};

export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/** Runs the program; rejects with a message that says how it failed (not found, exit code, killed at the deadline). */
export function runInventoryCommand(
  source: CommandSource,
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<CommandOutput> {
  const [program, ...args] = source.argv;
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    execFile(
      program,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: MAX_OUTPUT,
        env,
        signal,
        windowsHide: true,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        if (!err) return resolve({ stdout, stderr });
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: string | number };
        const said = tail(stderr || stdout);
        let why: string;
        if (signal?.aborted) why = 'was stopped: the run was cancelled';
        else if (e.killed && e.signal === 'SIGKILL' && Date.now() - t0 >= timeoutMs - 50)
          why = `did not finish within ${formatDuration(timeoutMs)} and was killed`;
        else if (e.code === 'ENOENT') why = `could not start: ${program} was not found`;
        else if (e.code === 'EACCES') why = `could not start: ${program} is not executable`;
        else if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') why = `printed more than ${MAX_OUTPUT} bytes`;
        else if (typeof e.code === 'number') why = `exited with code ${e.code}`;
        else if (e.signal) why = `was killed by ${e.signal}`;
        else why = `failed: ${e.message}`;
        reject(new Error(`${why}${said ? `: ${said}` : ''}`));
      },
    );
  });
}

function tail(text: string): string {
  const lines = (text ?? '')
    .trim()
    .split('\n')
    .filter((l) => l.trim())
    .slice(-3)
    .join(' | ');
  return lines.length > 300 ? lines.slice(0, 299) + '…' : lines;
}

/**
 * The hosts in a program's output: JSON (a list of strings or {name, docker, address} mappings, or
 * a mapping with such a list under `hosts`) or plain text, one host per line (blank lines and
 * lines starting with # are skipped). Throws when JSON is malformed or of another shape.
 */
export function parsePrinted(stdout: string): Printed[] {
  const text = stdout.trim();
  if (text.startsWith('[') || text.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new Error(`printed JSON that does not parse (${(err as Error).message})`, { cause: err });
    }
    const list = Array.isArray(doc) ? doc : (doc as { hosts?: unknown }).hosts;
    if (!Array.isArray(list))
      throw new Error('printed JSON that is neither a list of hosts nor a mapping with a "hosts" list');
    return list.map((item, index) => {
      if (typeof item === 'string') return { index, text: item };
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        const o = item as Record<string, unknown>;
        return { index, name: o.name, docker: o.docker, address: o.address };
      }
      return { index, text: JSON.stringify(item) };
    });
  }
  return text
    .split('\n')
    .map((l, i) => ({ line: i + 1, text: l.trim() }))
    .filter((e) => e.text !== '' && !e.text.startsWith('#'));
}
