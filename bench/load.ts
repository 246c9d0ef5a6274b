// One load window: autocannon, 10 connections, for a number of seconds (or requests), with latency
// percentiles computed from every response's own time (autocannon's histogram rounds to whole ms).
import autocannon, { type AutocannonRequest } from 'autocannon';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** The body of the n-th request, for requests that must differ each time (a new user per POST). */
  body?: (n: number) => string;
}

export interface WindowResult {
  /** Responses per second over the window. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors and timeouts plus responses that were not 2xx. */
  errors: number;
  responses: number;
  /** From the first request to the last response (autocannon itself only stops on a whole second). */
  seconds: number;
  statusCodes: Record<string, number>;
}

export const CONNECTIONS = 10;

// Unique across the whole run, so no two POSTs ever create the same user.
let sequence = 0;

export function nextSequence(): number {
  sequence += 1;
  return sequence;
}

function toAutocannonRequest(request: LoadRequest): AutocannonRequest {
  const { body } = request;
  const fixed: AutocannonRequest = { method: request.method, path: request.path, headers: request.headers };
  if (body === undefined) return fixed;
  return { ...fixed, setupRequest: (built) => ({ ...built, body: body(nextSequence()) }) };
}

export function runLoad(baseUrl: string, request: LoadRequest, limit: { seconds: number } | { amount: number }): Promise<WindowResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const started = performance.now();
  let lastResponse = started;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: CONNECTIONS,
        timeout: 10,
        requests: [toAutocannonRequest(request)],
        ...('seconds' in limit ? { duration: limit.seconds } : { amount: limit.amount }),
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const seconds = (('seconds' in limit ? performance.now() : lastResponse) - started) / 1000;
        latencies.sort((a, b) => a - b);
        resolve({
          rps: latencies.length / seconds,
          p50Ms: percentile(latencies, 0.5),
          p99Ms: percentile(latencies, 0.99),
          errors: result.errors + result.timeouts + result.non2xx,
          responses: latencies.length,
          seconds,
          statusCodes,
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, milliseconds: number) => {
      latencies.push(milliseconds);
      lastResponse = performance.now();
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
    });
  });
}

/** Nearest-rank percentile of sorted values; NaN when there are none. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}
