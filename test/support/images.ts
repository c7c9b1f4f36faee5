// Test images for rollouts: a busybox web server that answers /health and /version, built on the
// fleet's builder engine from the fleet's base image and pushed to the fleet's registry.
import Docker from 'dockerode';
import { pack } from 'tar-stream';

export interface TestImageOptions {
  version: string;
  healthy?: boolean; // false: no /health file, so the HTTP check fails with 404
  port?: number; // where httpd listens inside the container (default 8080)
  exitAtOnce?: boolean; // the container exits right after start
  healthcheck?: boolean; // add a Docker HEALTHCHECK on /health
  extra?: string[]; // more Dockerfile lines
  failWhenFlagged?: boolean; // no /health on a host whose /flags volume holds a file `broken`
  metrics?: string; // the text served at /metrics (Prometheus text format), e.g. "app_errors_total 50\n"
}

export function testImageDockerfile(base: string, o: TestImageOptions): string {
  const port = o.port ?? 8080;
  const lines = [
    `FROM ${base}`,
    `RUN mkdir -p /www && echo ${o.version} > /www/version${o.healthy === false ? '' : ' && echo ok > /www/health'}`,
    ...(o.metrics !== undefined
      ? [
          `RUN printf '${o.metrics.replace(/\\/g, '\\\\').replace(/%/g, '%%').replace(/'/g, `'\\''`).replace(/\n/g, '\\n')}' > /www/metrics`,
        ]
      : []),
    ...(o.extra ?? []),
  ];
  if (o.healthcheck)
    lines.push(
      `HEALTHCHECK --interval=1s --timeout=1s --retries=2 CMD wget -q -O- http://127.0.0.1:${port}/health || exit 1`,
    );
  lines.push(
    o.exitAtOnce
      ? 'CMD ["sh", "-c", "echo starting; echo fatal: cannot start >&2; exit 3"]'
      : `CMD ["sh", "-c", "${o.failWhenFlagged ? '[ -f /flags/broken ] && rm -f /www/health; ' : ''}trap 'exit 0' TERM; echo serving version $(cat /www/version) on ${port}; httpd -f -p ${port} -h /www & wait"]`,
  );
  return lines.join('\n') + '\n';
}

/** Builds the image on the builder engine and pushes it; returns the reference. */
export async function buildTestImage(
  builder: Docker,
  ref: string,
  base: string,
  options: TestImageOptions,
  auth?: object,
): Promise<string> {
  const tar = pack();
  tar.entry({ name: 'Dockerfile' }, testImageDockerfile(base, options));
  tar.finalize();
  const stream = await builder.buildImage(
    tar as unknown as NodeJS.ReadableStream,
    { t: ref, version: '1' } as Docker.ImageBuildOptions,
  );
  await follow(builder, stream, `build ${ref}`);
  const push = await builder.getImage(ref).push({ authconfig: auth ?? { serveraddress: ref.split('/')[0] } } as object);
  await follow(builder, push, `push ${ref}`);
  return ref;
}

/** Waits for a build or push stream to end; rejects with the engine's error, prefixed by `what`. */
export function follow(docker: Docker, stream: NodeJS.ReadableStream, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, out: Array<{ error?: string }>) => {
      const failed = err?.message ?? out.find((o) => o.error)?.error;
      if (failed) reject(new Error(`${what}: ${failed}`));
      else resolve();
    });
  });
}
