// A flaky registry for tests: an HTTP proxy on 127.0.0.1:<random port> in front of a real registry
// that answers the first N requests of a kind with an error status, or drops their connection.
// The engine treats 127.0.0.0/8 as an insecure registry, so it pushes to the proxy over plain http.
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

export interface Fault {
  /** Which requests the fault applies to, e.g. manifest PUTs. */
  match: (method: string, path: string) => boolean;
  /** How many matching requests fail before the registry "recovers". */
  times: number;
  /**
   * An HTTP status to answer with (default 503); 'drop' to cut the connection without an answer;
   * 'stall' to pass on the registry's headers and first bytes, then send nothing more (a link that
   * died mid-download), until the proxy is closed.
   */
  answer?: number | 'drop' | 'stall';
}

export interface RegistryProxy {
  /** <address>:<port>: use as the registry part of image names. */
  host: string;
  /** Every request seen, with what the proxy did. */
  log: { method: string; path: string; outcome: string }[];
  /** How many requests were failed on purpose. */
  readonly injected: number;
  close(): Promise<void>;
}

export const isManifestPut = (method: string, path: string) => method === 'PUT' && /\/manifests\//.test(path);
export const isManifestRead = (method: string, path: string) =>
  (method === 'HEAD' || method === 'GET') && /\/manifests\//.test(path);
export const isBlobRead = (method: string, path: string) => method === 'GET' && /\/blobs\/sha256:/.test(path);

/**
 * Starts the proxy in front of `target` (host:port of a plain-http registry), on 127.0.0.1 (an
 * insecure registry for any engine), or on `address` (e.g. the fleet's bridge, whose network the
 * fleet's engines treat as insecure).
 */
export async function startRegistryProxy(
  target: string,
  faults: Fault[] = [],
  address = '127.0.0.1',
): Promise<RegistryProxy> {
  const [targetHost, targetPort] = target.split(':');
  const remaining = faults.map((f) => f.times);
  const log: RegistryProxy['log'] = [];
  let injected = 0;

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const index = faults.findIndex((f, i) => remaining[i] > 0 && f.match(method, path));
    if (index >= 0) {
      remaining[index]--;
      injected++;
      const answer = faults[index].answer ?? 503;
      log.push({ method, path, outcome: String(answer) });
      if (answer === 'stall') {
        stall(req, res, path);
        return;
      }
      // Drain the body first, so the client sees the status rather than a reset while uploading.
      req.resume();
      req.on('end', () => {
        if (answer === 'drop') {
          req.socket.destroy();
          return;
        }
        const body = JSON.stringify({
          errors: [{ code: 'UNAVAILABLE', message: `injected ${answer} by the test proxy` }],
        });
        res.writeHead(answer, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
      return;
    }
    // The Host header is kept: the registry builds upload URLs from it, so they point back here.
    const upstream = http.request(
      { host: targetHost, port: Number(targetPort), method, path, headers: req.headers },
      (up) => {
        log.push({ method, path, outcome: String(up.statusCode) });
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      log.push({ method, path, outcome: `upstream error ${err.message}` });
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  function stall(req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
    const upstream = http.get({ host: targetHost, port: Number(targetPort), path, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.once('data', (chunk: Buffer) => {
        res.write(chunk.subarray(0, Math.min(1024, chunk.length >> 1))); // never the whole blob
        up.destroy(); // nothing more reaches the client; its connection stays open
      });
    });
    upstream.on('error', () => undefined);
  }
  // The engine first tries https: answer its TLS hello with a plain-http error, as a real plain registry does.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `${address}:${port}`,
    log,
    get injected() {
      return injected;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
