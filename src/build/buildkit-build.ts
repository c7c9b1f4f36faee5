// One BuildKit build through the Engine API: our own session (secrets, SSH, registry credentials)
// opened on /session, then POST /build?version=2&session=<id> with the context, its progress
// followed step by step. Loaded only by builds: it pulls in gRPC.
import type Docker from 'dockerode';
import { describeError, RunError } from '../errors';
import { openSession, SessionServices } from './buildkit-session';
import { readProgress } from './progress';
import { BuildKitTranscript } from './trace';

/** What POST /build takes, as the Engine API names it. */
export interface EngineBuildQuery {
  dockerfile: string;
  t: string[];
  buildargs: Record<string, string>;
  labels: Record<string, string>;
  target?: string;
  pull?: boolean;
  nocache?: boolean;
  /** Images whose inline cache (or a cache manifest) the build may reuse. */
  cachefrom?: string[];
  platform?: string;
}

export interface BuildKitRun {
  query: EngineBuildQuery;
  services: SessionServices;
  line: (text: string) => void;
  debug: (text: string) => void;
  tail: number;
}

/** Said by engines whose API cannot build with BuildKit (Windows, or the feature switched off). */
export function isNoBuildKit(message: string): boolean {
  return /buildkit not supported|not supported by (the )?daemon|unknown version|session not supported|no \/session endpoint/i.test(
    message,
  );
}

/** Runs the build; returns the image id, or throws a RunError naming the failing step. */
export async function buildWithBuildKit(
  docker: Docker,
  context: NodeJS.ReadableStream,
  run: BuildKitRun,
): Promise<string> {
  const session = await openSession(docker, run.services);
  try {
    const { t, cachefrom, ...rest } = run.query;
    const options: Record<string, unknown> = { ...rest, version: '2', session: session.id, rm: true, forcerm: true };
    // docker-modem repeats an array (t=a&t=b, each a tag) but JSON-encodes objects; cachefrom is a JSON list.
    if (t.length) options.t = t;
    if (cachefrom?.length) options.cachefrom = JSON.stringify(cachefrom);
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
      docker.modem.dial(
        {
          path: '/build?',
          method: 'POST',
          file: context,
          options,
          isStream: true,
          headers: { 'Content-Type': 'application/x-tar' },
          statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
        } as never,
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as NodeJS.ReadableStream)),
      );
    }).catch((err: unknown) => {
      throw new RunError(`build failed: the engine refused the build: ${describeError(err)}`);
    });
    const transcript = new BuildKitTranscript(run.line, run.debug);
    await readProgress(stream, (m) => transcript.take(m));
    transcript.finish();
    if (transcript.error) throw transcript.failure(run.tail);
    if (!transcript.imageId) throw new RunError('build finished but the engine reported no image id');
    return transcript.imageId;
  } finally {
    session.close();
  }
}
