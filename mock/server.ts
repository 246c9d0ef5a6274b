// The mock's HTTP front: one node:http server for all selected APIs.
//
// We own the socket rather than using Prism's HTTP server (micri), which never answers a request whose
// JSON is malformed; Prism is used as a library for routing and validation inside each ApiPipeline.
// Every request gets an answer: bodies over the limit get 413, unknown paths 404, broken HTTP 400, and a
// bug in a handler a logged 500 in the API's shape, never a crash.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_IDS, type ApiId } from '../specs/apis.ts';
import { SpecValidator, describeProblems } from '../specs/validation.ts';
import { BodyTooLargeError, readBody } from './body.ts';
import type { AnyApiModule, MockReply, MockSettings, SeedName } from './module.ts';
import { ApiPipeline, type PipelineResult } from './pipeline.ts';
import { StateFile, Store, type Snapshot } from './store.ts';
import { vaa } from './apis/vaa.ts';
import { checkmarx } from './apis/checkmarx.ts';
import { tyk } from './apis/tyk.ts';

export const API_MODULES: Record<ApiId, AnyApiModule> = { vaa, checkmarx, tyk };

/** Requests under this prefix control the mock itself (reset, health); no API uses it. */
export const CONTROL_PREFIX = '/__userapi';

export const DEFAULT_SETTINGS: MockSettings = {
  vaa: { username: 'lxt_api_user', password: 'lxt_api_password', token: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9[...]' },
  checkmarx: { username: 'admin', password: 'Admin123!', limitedUsername: 'Marci', limitedPassword: 'Marci123!' },
  tyk: { accessKey: '7a7b140f-2480-4d5a-4e78-24049e3ba7f8', adminSecret: '12345' },
  bcryptCost: 4,
};

export interface MockOptions {
  apis: readonly ApiId[];
  host: string;
  /** 0 picks a free port. */
  port: number;
  seed: SeedName;
  /** Durable state file; in memory only when undefined. */
  stateFile?: string;
  strict: boolean;
  latencyMs: number;
  /** Probability (0..1) of answering 503 instead of serving an API request. */
  failRate: number;
  maxBodyBytes: number;
  settings: MockSettings;
  /** Receives one line per request; undefined for silence. */
  log?: (line: string) => void;
  /** Replaces an API's module: the certify tests build deliberately broken or differently-correct targets. */
  modules?: Partial<Record<ApiId, AnyApiModule>>;
}

export const DEFAULT_OPTIONS: MockOptions = {
  apis: API_IDS,
  host: '127.0.0.1',
  port: 4010,
  seed: 'documents',
  strict: false,
  latencyMs: 0,
  failRate: 0,
  maxBodyBytes: 1024 * 1024,
  settings: DEFAULT_SETTINGS,
};

export interface ResponseViolation {
  api: ApiId;
  method: string;
  path: string;
  operationId: string | undefined;
  status: number;
  problems: string;
}

export interface MockServer {
  /** e.g. 'http://127.0.0.1:4010' */
  url: string;
  options: MockOptions;
  /** Replies that did not conform to the spec since start (strict mode also turned them into 500s). */
  violations: ResponseViolation[];
  reset(apis?: readonly ApiId[], seed?: SeedName): Promise<void>;
  close(): Promise<void>;
}

export async function startMockServer(partial: Partial<MockOptions> = {}): Promise<MockServer> {
  const options: MockOptions = { ...DEFAULT_OPTIONS, ...partial, settings: { ...DEFAULT_SETTINGS, ...partial.settings } };
  const stateFile = options.stateFile === undefined ? undefined : new StateFile(options.stateFile);
  const saved = stateFile?.read();
  const violations: ResponseViolation[] = [];
  const modules: Record<ApiId, AnyApiModule> = { ...API_MODULES, ...options.modules };

  const pipelines = new Map<ApiId, ApiPipeline>();
  for (const api of options.apis) {
    const store = new Store();
    const pipeline = new ApiPipeline(modules[api], await SpecValidator.load(api), store, options.settings, {
      strict: options.strict,
      persist: (changes) => stateFile?.append(api, changes),
    });
    const savedSnapshot = saved?.[api];
    if (savedSnapshot) store.restore(savedSnapshot);
    else {
      await pipeline.module.seed(pipeline.state, options.seed, options.settings);
      store.takeChanges();
    }
    pipelines.set(api, pipeline);
  }
  const snapshotAll = (): void => {
    if (!stateFile) return;
    const apis: Record<string, Snapshot> = { ...saved };
    for (const [api, pipeline] of pipelines) apis[api] = pipeline.store.snapshot();
    stateFile.writeSnapshot(apis);
  };
  snapshotAll();

  const reset = async (apis: readonly ApiId[] = options.apis, seed: SeedName = options.seed): Promise<void> => {
    for (const api of apis) {
      const pipeline = pipelines.get(api);
      if (!pipeline) continue;
      pipeline.store.clear();
      await pipeline.module.seed(pipeline.state, seed, options.settings);
      pipeline.store.takeChanges();
    }
    snapshotAll();
  };

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (request, response) => {
    const started = performance.now();
    serve(request, response)
      .catch((error: unknown) => {
        // Only our own bugs get here; the client still gets an answer, and we say what happened.
        console.error(`userapi mock: internal error on ${request.method} ${request.url}:`, error);
        sendJson(response, 500, { error: 'Internal mock error', detail: String(error) });
        return { api: undefined, status: 500 };
      })
      .then(({ api, status, operationId }: { api?: ApiId; status: number; operationId?: string }) => {
        options.log?.(`${new Date().toISOString()} ${(api ?? '-').padEnd(9)} ${request.method} ${request.url} -> ${status} ${(performance.now() - started).toFixed(1)}ms${operationId ? ` ${operationId}` : ''}`);
      });
  });
  // Malformed HTTP never reaches the handler: answer it rather than dropping the socket silently.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (socket.writable && !socket.destroyed) {
      const body = JSON.stringify({ error: 'Bad HTTP request', detail: error.code ?? error.message });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    } else socket.destroy();
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<{ api?: ApiId; status: number; operationId?: string }> {
    const method = (request.method ?? 'GET').toUpperCase();
    const target = request.url ?? '/';
    const queryStart = target.indexOf('?');
    const path = queryStart === -1 ? target : target.slice(0, queryStart);
    const query = parseQuery(queryStart === -1 ? '' : target.slice(queryStart + 1));

    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
      const body = await readBody(request, options.maxBodyBytes).catch(() => Buffer.alloc(0));
      const status = await serveControl(method, path.slice(CONTROL_PREFIX.length), query, body, response);
      return { status };
    }

    const api = options.apis.find((id) => modules[id].ownsPath(path));
    if (api === undefined) {
      const served = options.apis.map((id) => ({ api: id, paths: modules[id].rootPaths }));
      sendJson(response, 404, { error: `No API served by this mock owns ${path}.`, apis: served });
      return { status: 404 };
    }
    const pipeline = pipelines.get(api) as ApiPipeline;

    let body: Buffer;
    try {
      body = await readBody(request, options.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendReply(response, pipeline.module.errorReply(413, error.message, 'body-too-large'), { connection: 'close' });
        return { api, status: 413 };
      }
      throw error;
    }

    if (options.latencyMs > 0) await sleep(options.latencyMs);
    if (options.failRate > 0 && Math.random() < options.failRate) {
      sendReply(response, pipeline.module.errorReply(503, 'Injected failure (--fail-rate): retry the request.', 'injected-failure'), { 'retry-after': '0' });
      return { api, status: 503 };
    }

    const result: PipelineResult = await pipeline.handle({
      method,
      path,
      query,
      headers: lowerCaseHeaders(request),
      body,
      origin: `http://${request.headers.host ?? `${options.host}:${options.port}`}`,
    });
    if (result.responseProblems.length > 0) {
      const violation = { api, method, path, operationId: result.operationId, status: result.reply.status, problems: describeProblems(result.responseProblems) };
      violations.push(violation);
      console.error(`userapi mock: reply does not match specs/${api}.openapi.yaml: ${method} ${path} (${violation.operationId}) ${violation.status}: ${violation.problems}`);
    }
    sendReply(response, result.reply);
    return { api, status: result.reply.status, ...(result.operationId ? { operationId: result.operationId } : {}) };
  }

  async function serveControl(method: string, route: string, query: Record<string, string | string[]>, body: Buffer, response: ServerResponse): Promise<number> {
    if (route === '/health' && method === 'GET') {
      return sendJson(response, 200, { status: 'ok', apis: options.apis, strict: options.strict, persistent: stateFile !== undefined });
    }
    if (route === '/violations' && method === 'GET') return sendJson(response, 200, violations);
    if (route === '/reset' && method === 'POST') {
      let requested: { api?: string | string[]; seed?: string } = {};
      try {
        requested = body.length > 0 ? (JSON.parse(body.toString('utf8')) as typeof requested) : {};
      } catch {
        return sendJson(response, 400, { error: 'The reset body must be JSON: {"api": "vaa"|["vaa",...], "seed": "documents"|"empty"}.' });
      }
      const apiValue = requested.api ?? query['api'];
      const apis = apiValue === undefined ? options.apis : (Array.isArray(apiValue) ? apiValue : String(apiValue).split(','));
      const seed = String(requested.seed ?? query['seed'] ?? options.seed);
      const unknown = apis.filter((id) => !options.apis.includes(id as ApiId));
      if (unknown.length > 0) return sendJson(response, 400, { error: `Not served by this mock: ${unknown.join(', ')}.`, apis: options.apis });
      if (seed !== 'documents' && seed !== 'empty') return sendJson(response, 400, { error: `Unknown seed '${seed}': use documents or empty.` });
      await reset(apis as ApiId[], seed);
      return sendJson(response, 200, { reset: apis, seed });
    }
    return sendJson(response, 404, { error: `Unknown control endpoint ${method} ${CONTROL_PREFIX}${route}.`, endpoints: ['GET /health', 'POST /reset', 'GET /violations'] });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  options.port = address.port;

  return {
    url: `http://${host}:${address.port}`,
    options,
    violations,
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          stateFile?.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

function parseQuery(queryString: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(queryString)) {
    const existing = query[name];
    if (existing === undefined) query[name] = value;
    else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

function lowerCaseHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function sendReply(response: ServerResponse, reply: MockReply, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...reply.headers, ...extraHeaders };
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['content-type'] ??= 'application/json';
  headers['content-length'] = String(Buffer.byteLength(text));
  response.writeHead(reply.status, headers).end(text);
}

function sendJson(response: ServerResponse, status: number, body: unknown): number {
  sendReply(response, { status, headers: { 'content-type': 'application/json' }, body });
  return status;
}
