// Cancellation by the runner: GitHub sends SIGINT, then SIGTERM 7.5 s later. The first starts the
// rollback of what the run touched; neither ends the process, so the rollback and unlock can finish.
import { Logger } from '../log';

export function cancelOnSignals(log: Logger): AbortSignal {
  const cancel = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      log.warn(
        cancel.signal.aborted
          ? `${sig} received: still rolling back what this run touched`
          : `${sig} received: starting nothing new, rolling back what this run touched, releasing the lock`,
      );
      cancel.abort(new Error(`cancelled by ${sig}`));
    });
  }
  return cancel.signal;
}
