// The mock's HTTP front: one node:http server for all selected APIs.
//
// We own the socket rather than using Prism's HTTP server (micri), which never answers a request whose
// JSON is malformed; Prism is used as a library for routing and validation inside each ApiPipeline.
// Every request gets an answer: bodies over the limit get 413, unknown paths 404, broken HTTP 400,
// CONNECT 405, and a bug in a handler a logged 500 in the API's shape, never a crash. Only a client that
// hangs up gets none; one that connects and sends nothing is closed after --idle-timeout.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_IDS, type ApiId, type Profile } from '../specs/apis.ts';
import { SpecValidator, describeProblems } from '../specs/validation.ts';
import { BodyTooLargeError, ClientGoneError, declaresTooLargeBody, readBody } from './body.ts';
import type { AnyApiModule, MockReply, SeedName } from './module.ts';
import { CONTROL_PREFIX, DEFAULT_OPTIONS, DEFAULT_SETTINGS, profileServed, type MockOptions } from './defaults.ts';
import { applyCors } from './cors.ts';
import { JOURNAL_ROUTE, RequestJournal } from './journal.ts';
import { serveControl, type ControlContext } from './control.ts';
import { bodyRefusalHeaders, clientErrorStatus, endSocketWithReply, lowerCaseHeaders, sendJson, sendReply, splitTarget } from './http.ts';
import { ApiPipeline, type PipelineResult } from './pipeline.ts';
import { MockState, type ResponseViolation } from './state/mock-state.ts';
import { vaa } from './apis/vaa.ts';
import { checkmarx } from './apis/checkmarx/index.ts';
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
export type { ResponseViolation } from './state/mock-state.ts';

/** How long close() lets requests in flight finish (their writes are acknowledged) before cutting them off. */
const SHUTDOWN_GRACE_MS = 2_000;

/** What the request log says of a request whose client hung up before it could be answered (nginx's code). */
const CLIENT_CLOSED = 499;

/** Every method some operation of some API takes: the Allow of a CONNECT to no API's path. */
const METHODS_SERVED = 'GET, POST, PUT, DELETE';

export interface MockServer {
  /** e.g. 'http://127.0.0.1:4010' */
  url: string;
  options: MockOptions;
  /** Replies that did not conform to the spec since start (strict mode also turned them into 500s). */
  readonly violations: ResponseViolation[];
  /** The requests clients sent (GET /__userapi/requests): mock/journal.ts. */
  journal: RequestJournal;
  /** What the user should know of the state file (created, converted from JSON). */
  notices: readonly string[];
  /** Records the API's requests have read since start (see Store.recordsRead). */
  recordsRead(api: ApiId): number;
  reset(apis?: readonly ApiId[], seed?: SeedName): Promise<void>;
  close(): Promise<void>;
}

export async function startMockServer(partial: Partial<MockOptions> = {}): Promise<MockServer> {
  const options: MockOptions = { ...DEFAULT_OPTIONS, ...partial, settings: { ...DEFAULT_SETTINGS, ...partial.settings } };
  const state = await MockState.open(options);
  try {
    return await listen(options, state);
  } catch (error) {
    state.close();
    throw error;
  }
}

async function listen(options: MockOptions, state: MockState): Promise<MockServer> {
  const journal = new RequestJournal();
  // Each API's module for the profile it serves; a module given in the options is used as given.
  const modules = Object.fromEntries(API_IDS.map((api) => [api, options.modules?.[api] ?? moduleFor(api, options.profile)])) as Record<ApiId, AnyApiModule>;
  const pipelines = new Map<ApiId, ApiPipeline>();
  for (const api of options.apis) {
    pipelines.set(api, new ApiPipeline(modules[api], await SpecValidator.load(api, profileServed(api, options.profile)), state.backend, options.settings, { strict: options.strict }));
  }
  await state.seedNew([...pipelines.values()]);

  const reset = (apis: readonly ApiId[] = options.apis, seed: SeedName = options.seed): Promise<void> => {
    journal.clear(apis.length === options.apis.length ? undefined : apis);
    return state.reset(
      apis.flatMap((api) => pipelines.get(api) ?? []),
      seed,
    );
  };
  const control: ControlContext = { options, state, reset };

  type Outcome = { api?: ApiId; status: number; operationId?: string };
  const logRequest = (method: string | undefined, url: string | undefined, started: number, { api, status, operationId }: Outcome): void => {
    options.log?.(`${new Date().toISOString()} ${(api ?? '-').padEnd(9)} ${method} ${url} -> ${status} ${(performance.now() - started).toFixed(1)}ms${operationId ? ` ${operationId}` : ''}`);
  };
  const inFlight = new Set<Promise<unknown>>();
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: options.idleTimeoutMs }, (request, response) => {
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
      .then((outcome: Outcome) => {
        journal.record(request, { status: outcome.status, ...(outcome.api ? { api: outcome.api } : {}), ...(outcome.operationId ? { operationId: outcome.operationId } : {}) });
        logRequest(request.method, request.url, started, outcome);
      })
      .catch((error: unknown) => console.error('userapi mock: cannot log a request:', error))
      .finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });
  // A socket silent for --idle-timeout is closed, so idle sockets cannot use up the process's file
  // descriptors: kept alive between requests, by Node's keep-alive timeout (never while a request waits
  // for its answer); connected and never sending a byte, by closeSilentSockets.
  const stopClosingSilentSockets = closeSilentSockets(server, options.idleTimeoutMs);
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
    const status = clientErrorStatus(error);
    endSocketWithReply(socket, { status, body: { error: STATUS_TEXT[status], detail: error.code ?? error.message } });
  });
  // Node drops a CONNECT nobody listens for without a word; a client deserves to hear it is not a proxy.
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    const started = performance.now();
    socket.on('error', () => socket.destroy());
    const handled = answerConnect(request)
      .then(({ api, reply }) => {
        endSocketWithReply(socket, reply);
        logRequest(request.method, request.url, started, { ...(api ? { api } : {}), status: reply.status });
      })
      .catch((error: unknown) => {
        console.error(`userapi mock: internal error on CONNECT ${request.url}:`, error);
        socket.destroy();
      })
      .finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });

  async function answerConnect(request: IncomingMessage): Promise<{ api?: ApiId; reply: MockReply }> {
    const target = request.url ?? '';
    const { path, query } = splitTarget(target);
    const api = target.startsWith('/') ? options.apis.find((id) => modules[id].ownsPath(path)) : undefined;
    if (api !== undefined) {
      // The API's own 405 (or 404) with the path's Allow, in its error shape.
      const result = await (pipelines.get(api) as ApiPipeline).handle({ method: 'CONNECT', path, query, headers: lowerCaseHeaders(request), body: Buffer.alloc(0), origin: `http://${request.headers.host ?? `${options.host}:${options.port}`}` });
      return { api, reply: result.reply };
    }
    return { reply: { status: 405, headers: { allow: METHODS_SERVED }, body: { error: `CONNECT ${target} is not supported: this server is a mock of the ${options.apis.join(', ')} APIs, not a proxy.` } } };
  }

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<Outcome> {
    const method = (request.method ?? 'GET').toUpperCase();
    const { path, query } = splitTarget(request.url ?? '/');
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
      const status = await serveControl(control, method, path.slice(CONTROL_PREFIX.length), query, body, response);
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
      console.error(`userapi mock: reply does not match specs/${api}.openapi.yaml: ${method} ${path} (${violation.operationId}) ${violation.status}: ${violation.problems}`);
      await state.recordViolation(violation);
    }
    sendReply(response, result.reply);
    return { api, status: result.reply.status, ...(result.operationId ? { operationId: result.operationId } : {}) };
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
  // Once listening, an error of the listening socket (e.g. accept failing for want of descriptors) is
  // reported, never a crash: the connections already open are still served.
  server.on('error', (error) => console.error('userapi mock: server error:', error));
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  options.port = address.port;

  return {
    url: `http://${host}:${address.port}`,
    options,
    journal,
    get violations() {
      return state.violations();
    },
    notices: state.notices,
    recordsRead: (api) => state.backend.store(api).recordsRead,
    reset,
    // Stops accepting, lets the requests in flight get their answers (a write being committed is not cut
    // off between disk and client), then closes every connection, idle keep-alive ones included.
    close: async () => {
      stopClosingSilentSockets();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await drain();
      server.closeAllConnections();
      await closed;
      state.close();
    },
  };
}

/**
 * Closes the sockets that have not sent a byte `idleTimeoutMs` after connecting (Node closes none: its
 * header timeout starts with the first byte). A sweep, rather than a timer per socket, so a request
 * costs nothing; a socket is closed between one and about 1.25 timeouts after it connected.
 */
function closeSilentSockets(server: Server, idleTimeoutMs: number): () => void {
  if (idleTimeoutMs === 0) return () => undefined;
  const silent = new Map<Socket, number>();
  server.on('connection', (socket: Socket) => {
    silent.set(socket, performance.now());
    socket.once('close', () => silent.delete(socket));
  });
  const sweep = setInterval(
    () => {
      const now = performance.now();
      for (const [socket, connectedAt] of silent) {
        if (socket.bytesRead > 0) silent.delete(socket);
        else if (now - connectedAt >= idleTimeoutMs) socket.destroy();
      }
    },
    Math.max(20, Math.min(1_000, idleTimeoutMs / 4)),
  );
  sweep.unref();
  return () => clearInterval(sweep);
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };
