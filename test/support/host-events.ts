// A host engine's own event stream, followed live: the container events of one service, in the
// order the engine saw them, so that a test can act right after the k-th change a run made there.
import Docker from 'dockerode';

export interface HostEvent {
  /** create, start, kill, die, stop, rename, destroy… */
  action: string;
  /** The container's name after the event (a rename's new name). */
  name: string;
  id: string;
  timeNano: number;
}

/** The changes a rollout makes to a container; attach, resize, exec_* and the like are left out. */
const CHANGES = new Set([
  'create',
  'start',
  'kill',
  'die',
  'stop',
  'rename',
  'destroy',
  'restart',
  'pause',
  'unpause',
  'update',
]);

export interface EventFollower {
  events: HostEvent[];
  stop(): void;
}

/**
 * Follows the container events of `service`'s containers (named `<service>` or `<service>.…`) on a
 * host; `onEvent` is called for each, with its 1-based index, as soon as the engine reports it.
 * Resolves once the engine has accepted the subscription, so that no event after it is missed.
 */
export async function followServiceEvents(
  docker: Docker,
  service: string,
  onEvent: (event: HostEvent, index: number) => void,
): Promise<EventFollower> {
  const stream = (await docker.getEvents({
    filters: JSON.stringify({ type: ['container'] }),
  } as object)) as unknown as NodeJS.ReadableStream & { destroy(): void };
  const events: HostEvent[] = [];
  let rest = '';
  stream.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop()!;
    for (const part of parts) {
      if (!part.trim()) continue;
      const e = JSON.parse(part) as {
        Action: string;
        id?: string;
        Actor?: { ID?: string; Attributes?: Record<string, string> };
        timeNano: number;
      };
      const name = e.Actor?.Attributes?.name ?? '';
      if (!CHANGES.has(e.Action) || !(name === service || name.startsWith(`${service}.`))) continue;
      const event = { action: e.Action, name, id: (e.Actor?.ID ?? e.id ?? '').slice(0, 12), timeNano: e.timeNano };
      events.push(event);
      onEvent(event, events.length);
    }
  });
  stream.on('error', () => undefined); // the stream ends with the test; an engine error shows in the checks
  return { events, stop: () => stream.destroy() };
}

/** Events as one line each: `rename ck-kill.old-1a2b3c (1a2b3c4d5e6f)`. */
export function describeEvents(events: HostEvent[]): string[] {
  return events.map((e) => `${e.action} ${e.name} (${e.id})`);
}
