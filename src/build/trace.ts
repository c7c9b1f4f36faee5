// BuildKit's progress as the engine streams it (`moby.buildkit.trace`: base64 StatusResponse
// protobuf) turned into a readable log: one line when a step starts, its output, one line when it
// finishes (cached, or its time), and for a failed build the failing step with its last lines.
import { RunError } from '../errors';
import { formatDuration } from '../util/duration';
import { ProgressMessage, progressError } from './progress';
import { bytes, decodeFields, Fields, messages, num, str } from './wire';

export interface Vertex {
  digest: string;
  name: string;
  cached: boolean;
  /** Milliseconds since the epoch; undefined until the step starts or finishes. */
  started?: number;
  completed?: number;
  error?: string;
}

export interface VertexLog {
  vertex: string;
  /** 1 stdout, 2 stderr. */
  stream: number;
  msg: Buffer;
}

export interface StatusResponse {
  vertexes: Vertex[];
  logs: VertexLog[];
}

function timestamp(fields: Fields, n: number): number | undefined {
  const t = messages(fields, n)[0];
  if (!t) return undefined;
  return num(t, 1) * 1000 + Math.floor(num(t, 2) / 1e6);
}

/** Decodes one `moby.buildkit.trace` payload (base64 of moby.buildkit.v1.StatusResponse). */
export function decodeStatus(base64: string): StatusResponse {
  const fields = decodeFields(Buffer.from(base64, 'base64'));
  return {
    vertexes: messages(fields, 1).map((v) => ({
      digest: str(v, 1),
      name: str(v, 3),
      cached: num(v, 4) !== 0,
      started: timestamp(v, 5),
      completed: timestamp(v, 6),
      error: str(v, 7) || undefined,
    })),
    logs: messages(fields, 3).map((l) => ({ vertex: str(l, 1), stream: num(l, 3), msg: bytes(l, 4) })),
  };
}

interface StepState {
  number: number;
  name: string;
  announced: boolean;
  finished: boolean;
  /** The step's output, kept for the error message of a failing step. */
  output: string[];
  /** A line not finished yet, per stream: output chunks need not end at a line break. */
  partial: Map<number, string>;
}

/** Steps BuildKit runs for itself (loading the Dockerfile, the context): shown at debug level only. */
function isInternal(name: string): boolean {
  return (
    /^\[internal\]/.test(name) ||
    /^(exporting to image|exporting cache|importing cache manifest from|load metadata for|copy \/context \/$)/.test(
      name,
    )
  );
}

/** Follows a BuildKit build's stream: logs steps and their output, keeps the image id and the failure. */
export class BuildKitTranscript {
  imageId?: string;
  error?: string;
  failedStep?: string;
  private readonly steps = new Map<string, StepState>();
  private count = 0;

  constructor(
    private readonly line: (text: string) => void,
    private readonly debug: (text: string) => void = () => undefined,
  ) {}

  take(message: ProgressMessage & { aux?: unknown }): void {
    const error = progressError(message);
    if (error) {
      this.error = error.trim();
      return;
    }
    if (message.id === 'moby.image.id') {
      const aux = message.aux as { ID?: string } | undefined;
      if (aux?.ID) this.imageId = aux.ID;
      return;
    }
    if (message.id === 'moby.buildkit.trace' && typeof message.aux === 'string') {
      this.status(decodeStatus(message.aux));
      return;
    }
    if (message.stream) for (const l of message.stream.split('\n')) if (l.trim()) this.line(l.trimEnd());
  }

  private step(v: { digest: string; name?: string }): StepState {
    let s = this.steps.get(v.digest);
    if (!s) {
      s = {
        number: ++this.count,
        name: v.name ?? '',
        announced: false,
        finished: false,
        output: [],
        partial: new Map(),
      };
      this.steps.set(v.digest, s);
    }
    if (v.name) s.name = v.name;
    return s;
  }

  private say(s: StepState, text: string): void {
    (isInternal(s.name) ? this.debug : this.line)(text);
  }

  status(status: StatusResponse): void {
    for (const v of status.vertexes) {
      const s = this.step(v);
      if (!s.name) continue;
      if (v.started && !s.announced && !v.completed) {
        s.announced = true;
        this.say(s, `#${s.number} ${s.name}`);
      }
      if (v.completed && !s.finished) {
        s.finished = true;
        this.flush(s);
        if (v.error) {
          this.failedStep = s.name;
          this.line(`#${s.number} ${s.name}: failed: ${v.error}`);
          this.errorOutput = s.output;
        } else if (v.cached) {
          this.say(s, `#${s.number} ${s.name}: cached`);
        } else {
          const took = v.started ? formatDuration(Math.max(0, v.completed - v.started)) : '';
          this.say(s, `#${s.number} ${s.name}: done${took ? ` in ${took}` : ''}`);
        }
      }
    }
    for (const l of status.logs) {
      const s = this.step({ digest: l.vertex });
      const pieces = ((s.partial.get(l.stream) ?? '') + l.msg.toString('utf8')).split('\n');
      s.partial.set(l.stream, pieces.pop() ?? '');
      for (const piece of pieces) this.output(s, piece);
    }
  }

  private errorOutput: string[] = [];

  private output(s: StepState, raw: string): void {
    // A terminal shows what follows the last carriage return (progress bars); escapes would show as text.
    const text = raw
      .slice(raw.lastIndexOf('\r', raw.length - 2) + 1)
      .replace(/\x1b\[[0-9;]*m/g, '')
      .trimEnd();
    if (text.trim() === '') return;
    s.output.push(text);
    if (s.output.length > 500) s.output.splice(0, s.output.length - 200);
    this.say(s, `#${s.number} ${text}`);
  }

  private flush(s: StepState): void {
    for (const rest of s.partial.values()) if (rest) this.output(s, rest);
    s.partial.clear();
  }

  /** Emits every step's unfinished line, at the end of the stream. */
  finish(): void {
    for (const s of this.steps.values()) this.flush(s);
  }

  failure(tail: number): RunError {
    const where = this.failedStep ? `build failed at "${this.failedStep}"` : 'build failed';
    const lines = this.errorOutput.slice(-tail);
    const last = lines.length ? `\nlast output lines:\n${lines.map((l) => `  ${l}`).join('\n')}` : '';
    return new RunError(`${where}: ${this.error}${last}`, { step: this.failedStep, output: lines });
  }
}
