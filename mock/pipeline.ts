// One API's request pipeline: route, decode, authenticate, validate, handle, persist, validate the reply.
//
// Routing and validation are Prism's (through specs/validation.ts); refusals are in the API's own
// error shape (the module's errorReply), never Prism's problem+json. The order follows what real servers
// do: an unknown route is 404/405 before anything else, a missing credential is 401/403 before the body
// is judged, and only a valid request reaches a handler.
import { parse as parseContentType } from 'content-type';
import type { IHttpOperation } from '@stoplight/types';
import { describeProblems, type Problem, type SpecValidator } from '../specs/validation.ts';
import { decodeBody } from './body.ts';
import type { AnyApiModule, MockReply, MockRequest, MockSettings, RefusalReason } from './module.ts';
import type { StateBackend, Store } from './store.ts';

export interface IncomingRequest {
  method: string;
  /** The path as sent (still percent-encoded), without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  /** Header names lower-case. */
  headers: Record<string, string>;
  body: Buffer;
  /** This server as the client reached it, e.g. 'http://127.0.0.1:4010'. */
  origin: string;
}

export interface PipelineResult {
  reply: MockReply;
  operationId?: string;
  /** What the spec says is wrong with the reply (empty when it conforms). */
  responseProblems: Problem[];
}

export interface PipelineOptions {
  /** Answer 500 when a reply does not conform to the spec (instead of sending it and reporting it). */
  strict: boolean;
}

export class ApiPipeline {
  readonly module: AnyApiModule;
  readonly validator: SpecValidator;
  readonly backend: StateBackend;
  /** The store and state reads go through; a write gets its own from the backend. */
  readonly store: Store;
  readonly state: unknown;
  private readonly settings: MockSettings;
  private readonly options: PipelineOptions;
  private readonly states = new WeakMap<Store, unknown>();

  constructor(module: AnyApiModule, validator: SpecValidator, backend: StateBackend, settings: MockSettings, options: PipelineOptions) {
    this.module = module;
    this.validator = validator;
    this.backend = backend;
    this.store = backend.store(module.id);
    this.state = module.createState(this.store);
    this.states.set(this.store, this.state);
    this.settings = settings;
    this.options = options;
  }

  /** The API's typed state over `store` (the same object for the same store). */
  stateFor(store: Store): unknown {
    let state = this.states.get(store);
    if (state === undefined) this.states.set(store, (state = this.module.createState(store)));
    return state;
  }

  async handle(incoming: IncomingRequest): Promise<PipelineResult> {
    const specPath = this.module.toSpecPath(incoming.path);
    const route = this.validator.route(incoming.method, specPath);
    if (route.kind === 'no-path') {
      return this.refuse(404, `No such endpoint: ${incoming.method} ${incoming.path}.`, 'unknown-path');
    }
    if (route.kind === 'no-method') {
      const allowed = route.allowedMethods.join(', ');
      const reply = this.module.errorReply({ status: 405, message: `Method ${incoming.method} is not allowed on ${incoming.path}; allowed: ${allowed}.`, reason: 'method-not-allowed' });
      return { reply: { ...reply, headers: { ...reply.headers, allow: allowed } }, responseProblems: [] };
    }
    const operation = route.operation;
    const operationId = operation.iid ?? operation.id;
    const facts = factsOf(operation);

    const versionRefusal = this.checkMediaTypeVersions(facts.declaredVersions, incoming.headers);
    if (versionRefusal) return { ...versionRefusal, operationId };
    const decoded = await decodeBody(incoming.body, incoming.headers['content-type'], facts.acceptedMediaTypes);
    if (!decoded.ok) return { ...this.refuse(decoded.status, decoded.message, 'unreadable-body', operationId), operationId };

    const pathParameters = matchPathParameters(facts.pathParameters, specPath);
    if (pathParameters === undefined) return { ...this.refuse(400, `Malformed percent-encoding in path ${incoming.path}.`, 'invalid-request'), operationId };
    const request: MockRequest = {
      method: incoming.method,
      path: incoming.path,
      specPath,
      query: incoming.query,
      headers: incoming.headers,
      body: decoded.value,
      operationId,
      operation,
      pathParameters,
    };

    const authentication = await this.module.authenticate(request, this.state, this.settings);
    if ('refusal' in authentication) return { reply: authentication.refusal, operationId, responseProblems: [] };

    const validationHeaders = { ...incoming.headers };
    if (decoded.mediaType !== undefined) validationHeaders['content-type'] = decoded.mediaType;
    else delete validationHeaders['content-type'];
    validationHeaders['content-length'] = decoded.validationValue === undefined ? '0' : String(incoming.body.length);
    const requestProblems = this.validator.validateRequest(operation, {
      method: incoming.method,
      path: specPath,
      query: incoming.query,
      headers: validationHeaders,
      body: decoded.validationValue,
    });
    if (requestProblems.length > 0) {
      const status = requestProblems.some((problem) => problem.location === 'media-type') ? 415 : 400;
      return { reply: this.module.errorReply({ status, message: `Invalid request: ${describeProblems(requestProblems)}.`, reason: 'invalid-request', operationId, problems: requestProblems }), operationId, responseProblems: [] };
    }

    const handler = this.module.handlers[operationId];
    if (!handler) return { ...this.refuse(501, `${operationId} is not implemented by the mock.`, 'not-implemented'), operationId };
    const context = { state: this.state, principal: authentication.principal, settings: this.settings, origin: incoming.origin };
    let reply: MockReply;
    try {
      // A write runs alone ("check then insert" cannot interleave across awaits) and is committed before
      // it is answered; with a state file it is one transaction, through its own store.
      reply =
        incoming.method === 'GET'
          ? await handler(request, context)
          : await this.backend.write([this.module.id], async (storeOf) => handler(request, { ...context, state: this.stateFor(storeOf(this.module.id)) }));
    } catch (error) {
      // A handler bug must still answer in the API's own shape (clients parse it), and say so loudly.
      console.error(`userapi mock: ${this.module.id} ${operationId} failed:`, error);
      return { ...this.refuse(500, `The mock failed while handling ${operationId}: ${(error as Error).message ?? String(error)}.`, 'internal-error'), operationId };
    }
    return this.checkReply(operation, operationId, reply);
  }

  /** A refusal in the API's shape, for a request that never reached an operation's handler. */
  refuse(status: number, message: string, reason: RefusalReason, operationId?: string): PipelineResult {
    return { reply: this.module.errorReply({ status, message, reason, ...(operationId === undefined ? {} : { operationId }) }), responseProblems: [] };
  }

  private checkReply(operation: IHttpOperation, operationId: string, reply: MockReply): PipelineResult {
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body !== undefined && headers['content-type'] === undefined) headers['content-type'] = this.module.responseMediaType;
    const finished: MockReply = { ...reply, headers };
    const responseProblems = this.validator.validateResponse(operation, { status: finished.status, headers, body: finished.body });
    if (responseProblems.length > 0 && this.options.strict) {
      return {
        reply: this.module.errorReply({ status: 500, message: `The mock's own reply for ${operationId} (${reply.status}) does not match the spec: ${describeProblems(responseProblems)}.`, reason: 'spec-violation', operationId }),
        operationId,
        responseProblems,
      };
    }
    return { reply: finished, operationId, responseProblems };
  }

  /**
   * Prism ignores media-type parameters, but Checkmarx versions its API through them
   * (`application/json;v=1.0`): a request for a version the spec does not declare is refused.
   */
  private checkMediaTypeVersions(declaredVersions: ReadonlySet<string>, headers: Record<string, string>): PipelineResult | undefined {
    if (declaredVersions.size === 0) return undefined;
    for (const header of ['content-type', 'accept'] as const) {
      const value = headers[header];
      if (value === undefined) continue;
      for (const part of value.split(',')) {
        const version = versionOf(part);
        if (version !== undefined && !declaredVersions.has(version)) {
          const status = header === 'accept' ? 406 : 415;
          return this.refuse(status, `API version v=${version} (${header}: ${value.trim()}) is not supported; supported: v=${[...declaredVersions].join(', v=')}.`, 'unsupported-version');
        }
      }
    }
    return undefined;
  }

}

function versionOf(mediaType: string): string | undefined {
  try {
    return parseContentType(mediaType.trim()).parameters['v'];
  } catch {
    return undefined;
  }
}

function addVersion(versions: Set<string>, mediaType: string): void {
  const version = versionOf(mediaType);
  if (version !== undefined) versions.add(version);
}

/** What the pipeline needs of an operation besides Prism's checks; it depends only on the spec. */
interface OperationFacts {
  /** The media types its request body may have. */
  acceptedMediaTypes: string[];
  /** The API versions (`v=` media-type parameters) its request and response media types declare. */
  declaredVersions: Set<string>;
  /** Its path parameters, by segment position in the template. */
  pathParameters: Array<{ index: number; name: string }>;
}

const factsByOperation = new WeakMap<IHttpOperation, OperationFacts>();

/** An operation's facts, worked out on its first request and kept (operations live as long as their spec). */
function factsOf(operation: IHttpOperation): OperationFacts {
  let facts = factsByOperation.get(operation);
  if (!facts) {
    const declaredVersions = new Set<string>();
    for (const content of operation.request?.body?.contents ?? []) addVersion(declaredVersions, content.mediaType);
    for (const response of operation.responses) for (const content of response.contents ?? []) addVersion(declaredVersions, content.mediaType);
    const pathParameters = operation.path.split('/').flatMap((part, index) => {
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      return name === undefined ? [] : [{ index, name }];
    });
    facts = { acceptedMediaTypes: (operation.request?.body?.contents ?? []).map((content) => content.mediaType), declaredVersions, pathParameters };
    factsByOperation.set(operation, facts);
  }
  return facts;
}

/** Path parameters by name, percent-decoded; undefined when a segment's encoding is malformed. */
function matchPathParameters(parameters: OperationFacts['pathParameters'], path: string): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  const pathParts = path.split('/');
  for (const { index, name } of parameters) {
    try {
      values[name] = decodeURIComponent(pathParts[index] ?? '');
    } catch {
      return undefined;
    }
  }
  return values;
}
