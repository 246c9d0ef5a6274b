// The mock's HTTP front: one node:http server for all selected APIs.
//
// We own the socket rather than using Prism's HTTP server (micri), which never answers a request whose
// JSON is malformed; Prism is used as a library for routing and validation inside each ApiPipeline.
// Every request gets an answer: bodies over the limit get 413, unknown paths 404, broken HTTP 400, and a
// bug in a handler a logged 500 in the API's shape, never a crash. Only a client that hangs up gets none.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_IDS, type ApiId, type Profile } from '../specs/apis.ts';
import { SpecValidator, describeProblems } from '../specs/validation.ts';
import { BodyTooLargeError, ClientGoneError, declaresTooLargeBody, readBody } from './body.ts';
import type { AnyApiModule, MockReply, SeedName } from './module.ts';
import { CONTROL_PREFIX, DEFAULT_OPTIONS, DEFAULT_SETTINGS, profileServed, type MockOptions } from './defaults.ts';
import { ApiPipeline, type PipelineResult } from './pipeline.ts';
import { applyCors } from './cors.ts';
import { JOURNAL_ROUTE, RequestJournal } from './journal.ts';
import { StateFile, Store, type Snapshot } from './store.ts';
import { vaa } from './apis/vaa.ts';
import { checkmarx } from './apis/checkmarx.ts';
import { tyk } from './apis/tyk/index.ts';

export const API_MODULES: Record<ApiId, AnyApiModule> = { vaa, checkmarx, tyk };

/** The module that serves `api` when the mock is asked for `profile`. */
export function moduleFor(api: ApiId, profile: Profile): AnyApiModule {
  const module = API_MODULES[api];
  return module.profiles?.[profileServed(api, profile)] ?? module;
}

// The options and their defaults live apart, so the CLI can answer --help and bad flags without
// loading Prism; they are re-exported here, where callers have always found them.
export { CONTROL_PREFIX, DEFAULT_OPTIONS, DEFAULT_SETTINGS, profileServed, type MockOptions } from './defaults.ts';

/** How long close() lets requests in flight finish (their writes are acknowledged) before cutting them off. */
const SHUTDOWN_GRACE_MS = 2_000;

/** What the request log says of a request whose client hung up before it could be answered (nginx's code). */
const CLIENT_CLOSED = 499;

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
  /** The requests clients sent (GET /__userapi/requests): mock/journal.ts. */
  journal: RequestJournal;
  reset(apis?: readonly ApiId[], seed?: SeedName): Promise<void>;
  close(): Promise<void>;
}

export async function startMockServer(partial: Partial<MockOptions> = {}): Promise<MockServer> {
  const options: MockOptions = { ...DEFAULT_OPTIONS, ...partial, settings: { ...DEFAULT_SETTINGS, ...partial.settings } };
  const stateFile = options.stateFile === undefined ? undefined : new StateFile(options.stateFile);
  stateFile?.lock();
  try {
    return await listen(options, stateFile);
  } catch (error) {
    stateFile?.close();
    throw error;
  }
}

async function listen(options: MockOptions, stateFile: StateFile | undefined): Promise<MockServer> {
  const saved = stateFile?.read();
  const violations: ResponseViolation[] = [];
  const journal = new RequestJournal();
  // Each API's module for the profile it serves; a module given in the options is used as given.
  const modules = Object.fromEntries(API_IDS.map((api) => [api, options.modules?.[api] ?? moduleFor(api, options.profile)])) as Record<ApiId, AnyApiModule>;

  const pipelines = new Map<ApiId, ApiPipeline>();
  for (const api of options.apis) {
    const store = new Store();
    const pipeline = new ApiPipeline(modules[api], await SpecValidator.load(api, profileServed(api, options.profile)), store, options.settings, {
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
    const selected = apis.flatMap((api) => pipelines.get(api) ?? []);
    journal.clear(apis.length === options.apis.length ? undefined : apis);
    // Holds back the writes of every API being reset, so none lands between the clear and the snapshot.
    await exclusively(selected, async () => {
      for (const pipeline of selected) {
        pipeline.store.clear();
        await pipeline.module.seed(pipeline.state, seed, options.settings);
        pipeline.store.takeChanges();
      }
      snapshotAll();
    });
  };

  type Outcome = { api?: ApiId; status: number; operationId?: string };
  const inFlight = new Set<Promise<unknown>>();
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (request, response) => {
    const started = performance.now();
    const handled = serve(request, response)
      .catch((error: unknown): Outcome => {
        if (error instanceof ClientGoneError) return { status: CLIENT_CLOSED };
        // Only our own bugs get here; the client still gets an answer, and we say what happened.
        console.error(`userapi mock: internal error on ${request.method} ${request.url}:`, error);
        if (response.headersSent) response.destroy();
        else sendJson(response, 500, { error: 'Internal mock error', detail: String(error) });
        return { status: 500 };
      })
      .then(({ api, status, operationId }: Outcome) => {
        journal.record(request, { status, ...(api ? { api } : {}), ...(operationId ? { operationId } : {}) });
        options.log?.(`${new Date().toISOString()} ${(api ?? '-').padEnd(9)} ${request.method} ${request.url} -> ${status} ${(performance.now() - started).toFixed(1)}ms${operationId ? ` ${operationId}` : ''}`);
      })
      .catch((error: unknown) => console.error('userapi mock: cannot log a request:', error))
      .finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });
  // Node answers `Expect: 100-continue` itself by inviting the body; a body we will refuse is not invited.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (!declaresTooLargeBody(request, options.maxBodyBytes)) response.writeContinue();
    server.emit('request', request, response);
  });
  // Malformed HTTP never reaches the handler: answer it rather than dropping the socket silently.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { headersSent: boolean } }) => {
    // A request that already has its answer (a 413 whose body is still being drained) gets no second one.
    if (!socket.writable || socket.destroyed || socket._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, reason] = clientErrorStatus(error);
    const body = JSON.stringify({ error: reason, detail: error.code ?? error.message });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<Outcome> {
    const method = (request.method ?? 'GET').toUpperCase();
    const target = originForm(request.url ?? '/');
    const queryStart = target.indexOf('?');
    const path = queryStart === -1 ? target : target.slice(0, queryStart);
    const query = parseQuery(queryStart === -1 ? '' : target.slice(queryStart + 1));
    if (options.cors !== false && applyCors(request, response)) return { status: 204 };
    if (path === JOURNAL_ROUTE) return { status: journal.serve(method, query, options.apis, response) };

    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
      let body: Buffer;
      try {
        body = await readBody(request, options.maxBodyBytes);
      } catch (error) {
        // Never read as "no body": an empty reset body means "reset everything".
        if (error instanceof BodyTooLargeError) return { status: sendJson(response, 413, { error: error.message }, bodyRefusalHeaders(request, options.maxBodyBytes)) };
        throw error;
      }
      const status = await serveControl(method, path.slice(CONTROL_PREFIX.length), query, body, response);
      return { status };
    }

    journal.note(request, path, query);
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
        sendReply(response, pipeline.module.errorReply({ status: 413, message: error.message, reason: 'body-too-large' }), bodyRefusalHeaders(request, options.maxBodyBytes));
        return { api, status: 413 };
      }
      throw error;
    }
    journal.noteBody(request, body);

    if (options.latencyMs > 0) await sleep(options.latencyMs);
    if (options.failRate > 0 && Math.random() < options.failRate) {
      sendReply(response, pipeline.module.errorReply({ status: 503, message: 'Injected failure (--fail-rate): retry the request.', reason: 'injected-failure' }), { 'retry-after': '0' });
      return { api, status: 503 };
    }

    let result: PipelineResult;
    try {
      result = await pipeline.handle({
        method,
        path,
        query,
        headers: lowerCaseHeaders(request),
        body,
        origin: `http://${request.headers.host ?? `${options.host}:${options.port}`}`,
      });
    } catch (error) {
      // A bug in routing or validation: still a 500 in the API's own shape, which its clients can parse.
      console.error(`userapi mock: internal error on ${method} ${path}:`, error);
      sendReply(response, pipeline.module.errorReply({ status: 500, message: `The mock failed on ${method} ${path}: ${(error as Error).message ?? String(error)}.`, reason: 'internal-error' }));
      return { api, status: 500 };
    }
    if (result.responseProblems.length > 0) {
      const violation = { api, method, path, operationId: result.operationId, status: result.reply.status, problems: describeProblems(result.responseProblems) };
      violations.push(violation);
      console.error(`userapi mock: reply does not match specs/${api}.openapi.yaml: ${method} ${path} (${violation.operationId}) ${violation.status}: ${violation.problems}`);
    }
    sendReply(response, result.reply);
    return { api, status: result.reply.status, ...(result.operationId ? { operationId: result.operationId } : {}) };
  }

  async function serveControl(method: string, route: string, query: Record<string, string | string[]>, body: Buffer, response: ServerResponse): Promise<number> {
    const allowed = CONTROL_ENDPOINTS[route];
    if (allowed === undefined) {
      return sendJson(response, 404, { error: `Unknown control endpoint ${method} ${CONTROL_PREFIX}${route}.`, endpoints: Object.entries(CONTROL_ENDPOINTS).map(([name, verb]) => `${verb} ${CONTROL_PREFIX}${name}`) });
    }
    if (method !== allowed) return sendJson(response, 405, { error: `${CONTROL_PREFIX}${route} takes ${allowed}, not ${method}.` }, { allow: allowed });
    if (route === '/health') {
      return sendJson(response, 200, { status: 'ok', apis: options.apis, profile: options.profile, strict: options.strict, persistent: stateFile !== undefined });
    }
    if (route === '/violations') return sendJson(response, 200, violations);
    const request = parseResetRequest(body, query, options);
    if ('error' in request) return sendJson(response, 400, { error: request.error, usage: RESET_USAGE, apis: options.apis });
    await reset(request.apis, request.seed);
    return sendJson(response, 200, { reset: request.apis, seed: request.seed });
  }

  /** Resolves once every request in flight has been answered, or the grace period is over. */
  const drain = async (): Promise<void> => {
    const grace = sleep(SHUTDOWN_GRACE_MS, undefined, { ref: false });
    while (inFlight.size > 0) {
      const settled = await Promise.race([Promise.allSettled([...inFlight]).then(() => true), grace.then(() => false)]);
      if (!settled) return;
    }
  };

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
    journal,
    reset,
    // Stops accepting, lets the requests in flight get their answers (a write being committed is not cut
    // off between disk and client), then closes every connection, idle keep-alive ones included.
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await drain();
      server.closeAllConnections();
      await closed;
      stateFile?.close();
    },
  };
}

/** Runs `work` while holding each pipeline's write turn (in a fixed order, so two resets cannot deadlock). */
function exclusively(pipelines: readonly ApiPipeline[], work: () => Promise<void>): Promise<void> {
  const [first, ...rest] = pipelines;
  if (first === undefined) return work();
  return first.exclusive(() => exclusively(rest, work));
}

// '/requests' is served by the journal (mock/journal.ts); it is listed here for the 404's list of endpoints.
const CONTROL_ENDPOINTS: Record<string, string> = { '/health': 'GET', '/reset': 'POST', '/violations': 'GET', '/requests': 'GET, DELETE' };
const RESET_USAGE = '{"api": "vaa" | ["vaa", ...] (default: every API served), "seed": "documents" | "empty" (default: the --seed)}';

/** The APIs and seed of a reset, from its JSON body or its query string; an error names what is wrong. */
function parseResetRequest(body: Buffer, query: Record<string, string | string[]>, options: MockOptions): { apis: ApiId[]; seed: SeedName } | { error: string } {
  let requested: unknown = {};
  if (body.length > 0) {
    try {
      requested = JSON.parse(body.toString('utf8'));
    } catch (error) {
      return { error: `The reset body is not valid JSON: ${(error as Error).message}.` };
    }
  }
  if (typeof requested !== 'object' || requested === null || Array.isArray(requested)) return { error: 'The reset body must be a JSON object.' };
  const fields = requested as Record<string, unknown>;
  const apiValue = Object.hasOwn(fields, 'api') ? fields['api'] : query['api'];
  let apis: string[];
  if (apiValue === undefined) apis = [...options.apis];
  else if (typeof apiValue === 'string') apis = apiValue.split(',').map((name) => name.trim());
  else if (Array.isArray(apiValue) && apiValue.every((name) => typeof name === 'string')) apis = apiValue;
  else return { error: `"api" must be an API name or a list of them, not ${JSON.stringify(apiValue)}.` };
  if (apis.length === 0) return { error: '"api" names no API.' };
  const unknown = apis.filter((id) => !options.apis.includes(id as ApiId));
  if (unknown.length > 0) return { error: `Not served by this mock: ${unknown.join(', ')}.` };
  const seed = Object.hasOwn(fields, 'seed') ? fields['seed'] : (query['seed'] ?? options.seed);
  if (seed !== 'documents' && seed !== 'empty') return { error: `Unknown seed ${JSON.stringify(seed)}: use "documents" or "empty".` };
  return { apis: [...new Set(apis)] as ApiId[], seed };
}

/**
 * The headers of a 413. When the client is sending the body, the connection stays open while the rest
 * is drained, so a client that writes everything before reading still reads the answer (closing it
 * would reset the connection under the client's writes). When it waits for `100 Continue`, the body
 * will never come and the connection is closed, as RFC 9110 asks.
 */
function bodyRefusalHeaders(request: IncomingMessage, limit: number): Record<string, string> {
  const waitsForContinue = /100-continue/i.test(request.headers.expect ?? '') && declaresTooLargeBody(request, limit);
  return waitsForContinue ? { connection: 'close' } : {};
}

/** The answer to a request Node's parser refused: Node's own choice of status, with a body saying why. */
function clientErrorStatus(error: NodeJS.ErrnoException): [number, string] {
  if (error.code === 'HPE_HEADER_OVERFLOW') return [431, 'Request Header Fields Too Large'];
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'Request Timeout'];
  return [400, 'Bad Request'];
}

/** A request target in absolute form (`GET http://host/path`, which servers must accept) as path and query. */
function originForm(target: string): string {
  if (target.startsWith('/')) return target;
  const match = /^https?:\/\/[^/?#]*(.*)$/i.exec(target);
  if (match === null) return target;
  const rest = match[1] ?? '';
  return rest.startsWith('/') ? rest : `/${rest}`;
}

// Both build their records with Object.fromEntries: assigning client-chosen names (`__proto__`,
// `constructor`) to a plain object would run Object.prototype's setters and read its inherited members.
function parseQuery(queryString: string): Record<string, string | string[]> {
  const values = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(queryString)) values.set(name, [...(values.get(name) ?? []), value]);
  return Object.fromEntries([...values].map(([name, list]) => [name, list.length === 1 ? (list[0] as string) : list]));
}

function lowerCaseHeaders(request: IncomingMessage): Record<string, string> {
  const entries = Object.entries(request.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value] as const]));
  return Object.fromEntries(entries);
}

function sendReply(response: ServerResponse, reply: MockReply, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...reply.headers, ...extraHeaders };
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers).end();
    return;
  }
  // Encoded once: a string would be scanned for its byte length, then encoded again by the socket.
  const bytes = Buffer.from(JSON.stringify(reply.body));
  headers['content-type'] ??= 'application/json';
  headers['content-length'] = String(bytes.length);
  response.writeHead(reply.status, headers).end(bytes);
}

function sendJson(response: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): number {
  sendReply(response, { status, headers: { 'content-type': 'application/json' }, body }, extraHeaders);
  return status;
}
