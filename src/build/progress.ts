// The Docker Engine's progress stream (build, push, pull): one JSON message per line, in chunks
// that may split a line anywhere. Errors arrive inside the stream, not as HTTP statuses.

export interface ProgressMessage {
  stream?: string;
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { code?: number; message?: string };
  aux?: { ID?: string; Tag?: string; Digest?: string; Size?: number } & Record<string, unknown>;
}

/** Reads the stream to its end, handing each message to onMessage; resolves when it ends. */
export function readProgress(
  stream: NodeJS.ReadableStream,
  onMessage: (message: ProgressMessage) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const handle = (line: string) => {
      const text = line.trim();
      if (text === '') return;
      let message: ProgressMessage;
      try {
        message = JSON.parse(text) as ProgressMessage;
      } catch {
        message = { stream: text };
      }
      onMessage(message);
    };
    stream.on('data', (chunk: Buffer | string) => {
      buffered += chunk.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        handle(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
      }
    });
    let ended = false;
    stream.on('end', () => {
      ended = true;
      try {
        handle(buffered);
        resolve();
      } catch (err) {
        reject(err);
      }
    });
    stream.on('error', reject);
    // A stream closed without 'end' means the connection to the engine dropped mid-way.
    stream.on('close', () => {
      if (!ended)
        reject(
          Object.assign(new Error('the connection to the Docker engine closed before the end of its output'), {
            code: 'ECONNRESET',
          }),
        );
    });
  });
}

/** The text of an error message in the stream. */
export function progressError(message: ProgressMessage): string | undefined {
  if (message.errorDetail?.message) return message.errorDetail.message;
  if (message.error) return message.error;
  return undefined;
}
