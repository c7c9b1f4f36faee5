// One instant query against Prometheus's HTTP API (`/api/v1/query`), read into its result type and
// data, with Prometheus's own error when it refuses: what gates and their freshness check share.
import { excerpt, HttpAnswer, httpRequest, HttpRequest } from '../net/http';
import { PrometheusSource } from './types';

export interface PrometheusAnswer {
  resultType: string | undefined;
  result: unknown;
}

/** A vector's samples as Prometheus writes them: labels and [seconds, "value"]. */
export type VectorSample = { metric?: Record<string, string>; value?: [number, string] };

export async function prometheusQuery(
  source: PrometheusSource,
  query: string,
  options: {
    timeoutMs: number;
    signal?: AbortSignal;
    maxBody?: number;
    request?: (req: HttpRequest) => Promise<HttpAnswer>;
  },
): Promise<PrometheusAnswer> {
  const answer = await (options.request ?? httpRequest)({
    url: `${source.url}/api/v1/query`,
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...source.headers },
    body: `query=${encodeURIComponent(query)}`,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    ...(options.maxBody ? { maxBody: options.maxBody } : {}),
  });
  if (answer.truncated)
    throw new Error(`Prometheus answered more than ${options.maxBody ?? 1024 * 1024} bytes to ${query}`);
  let doc: { status?: string; error?: string; errorType?: string; data?: { resultType?: string; result?: unknown } };
  try {
    doc = JSON.parse(answer.body);
  } catch {
    throw new Error(`Prometheus answered status ${answer.status} with no JSON: ${excerpt(answer.body)}`);
  }
  if (doc.status !== 'success')
    throw new Error(
      `Prometheus answered status ${answer.status}: ${doc.errorType ?? 'error'}: ${doc.error ?? excerpt(answer.body)}`,
    );
  return { resultType: doc.data?.resultType, result: doc.data?.result };
}
