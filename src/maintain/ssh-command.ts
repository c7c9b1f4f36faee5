// A maintenance command run on a host over SSH (ssh2's exec on the project's SSH transport, host
// key checked as for the Docker API): no shell and no ssh binary on the runner, bounded in time,
// its exit code and the tail of its output kept for the report.
import { HostSpec } from '../hosts/types';
import type { SshSettings } from '../hosts/open';
import { SshEndpoint, SshTransport } from '../hosts/ssh';
import { Logger } from '../log';

export interface CommandResult {
  exitCode: number | null; // null: killed by a signal, cut by the timeout, or the session was lost
  signal?: string;
  output: string; // stdout and stderr interleaved, the last 16 KiB
  durationMs: number;
  timedOut?: boolean;
  /** The session ended without an exit status: the host went away under it (a reboot), or the connection broke. */
  lost?: boolean;
}

const OUTPUT_LIMIT = 16 * 1024;

/** Where a host's SSH server is: its ssh:// endpoint, else `user@address:22`. */
export function sshTarget(spec: HostSpec, user: string): SshEndpoint {
  const e = spec.endpoint;
  if (e.scheme === 'ssh') return { host: e.host, port: e.port ?? 22, user: e.user };
  return { host: spec.address, port: 22, user };
}

/**
 * The argv as one command line for the remote user's shell (SSH carries a string, not a list):
 * each word single-quoted, so nothing in it is expanded or split on the host.
 */
export function commandLine(argv: string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export async function runOverSsh(
  spec: HostSpec,
  target: SshEndpoint,
  line: string,
  ssh: SshSettings,
  timeoutMs: number,
  log: Logger,
): Promise<CommandResult> {
  const transport = new SshTransport(target, {
    hostName: spec.name,
    privateKey: ssh.key,
    knownHosts: ssh.knownHosts,
    hostKeyCheck: ssh.hostKeyCheck,
    connectTimeoutMs: 10_000,
    maxChannels: 1,
    log,
  });
  const t0 = Date.now();
  // The transport unrefs its socket while no HTTP request is in flight (an idle session must not keep
  // a process alive): this timer, set before anything is sent, is what keeps the process waiting.
  let timer: NodeJS.Timeout | undefined;
  let onTimeout: () => void = () => undefined;
  let output = '';
  const timedOut = new Promise<CommandResult>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve({ exitCode: null, output: output.slice(-OUTPUT_LIMIT), durationMs: Date.now() - t0, timedOut: true });
    }, timeoutMs);
  });
  try {
    const client = await Promise.race([
      transport.execSession(),
      timedOut.then(() => {
        throw new Error(`no SSH session within ${timeoutMs}ms`);
      }),
    ]);
    const finished = new Promise<CommandResult>((resolve, reject) => {
      client.exec(line, (err, channel) => {
        if (err) return reject(err);
        const add = (chunk: Buffer) => {
          output += chunk.toString('utf8');
          if (output.length > OUTPUT_LIMIT * 2) output = output.slice(-OUTPUT_LIMIT);
        };
        channel.on('data', add);
        channel.stderr.on('data', add);
        let exitCode: number | null = null;
        let signal: string | undefined;
        channel.on('exit', (code: number | null, sig?: string) => {
          exitCode = code;
          signal = sig ?? undefined;
        });
        onTimeout = () => channel.close();
        let exited = false;
        channel.on('exit', () => {
          exited = true;
        });
        channel.on('close', () =>
          resolve({
            exitCode,
            signal,
            output: output.slice(-OUTPUT_LIMIT),
            durationMs: Date.now() - t0,
            ...(exited ? {} : { lost: true }),
          }),
        );
        // A host that reboots drops the connection: the session's end, not an error to throw.
        client.once('close', () =>
          resolve({
            exitCode,
            signal,
            output: output.slice(-OUTPUT_LIMIT),
            durationMs: Date.now() - t0,
            ...(exited ? {} : { lost: true }),
          }),
        );
      });
    });
    return await Promise.race([finished, timedOut]);
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}
