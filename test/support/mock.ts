// Drives the mock over real HTTP (undici) and checks EVERY response against the spec, independently of
// the mock's own response validation: a routed response must conform to its operation; an unrouted one
// (404/405/413 before routing) must have the API's error shape. A non-conforming response throws.
import { request, type Dispatcher } from 'undici';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { APIS, DEFAULT_PROFILE, specOf, type ApiId, type Profile } from '../../specs/apis.ts';
import { loadSpecDocument } from '../../specs/load.ts';
import { SpecValidator, describeProblems } from '../../specs/validation.ts';
import { profileServed, startMockServer, type MockOptions, type MockServer } from '../../mock/server.ts';
import type { SeedName } from '../../mock/module.ts';

export interface CallOptions {
  method?: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A JSON body; sets Content-Type: application/json unless `headers` says otherwise. */
  json?: unknown;
  /** A raw body, sent as is. */
  body?: string | Buffer;
  /** Fault-injection tests: a 503 in the API's error shape is expected. */
  allowServiceUnavailable?: boolean;
  /** The connection(s) to send it on (e.g. one undici Client: one worker of --workers); the global pool by default. */
  dispatcher?: Dispatcher;
}

export interface CheckedResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed JSON body, or undefined when there is no body. */
  body: any;
  /** The operation the response was checked against, or undefined for an unrouted error. */
  operationId: string | undefined;
}

const validators = new Map<string, Promise<SpecValidator>>();
function validatorFor(api: ApiId, profile: Profile): Promise<SpecValidator> {
  const { name } = specOf(api, profile);
  let validator = validators.get(name);
  if (!validator) validators.set(name, (validator = SpecValidator.load(api, profile)));
  return validator;
}

const errorShapeCheckers = new Map<string, (value: unknown) => string | undefined>();
function errorShapeProblem(api: ApiId, profile: Profile, value: unknown): string | undefined {
  const { name } = specOf(api, profile);
  let check = errorShapeCheckers.get(name);
  if (!check) {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema(loadSpecDocument(api, profile) as object, 'spec');
    const validate = ajv.compile({ $ref: `spec#/components/schemas/${APIS[api].errorSchema}` });
    check = (candidate) => (validate(candidate) ? undefined : ajv.errorsText(validate.errors));
    errorShapeCheckers.set(name, check);
  }
  return check(value);
}

/** The spec path template a request path matches, compared case-insensitively (Checkmarx). */
function specPathFor(validator: SpecValidator, api: ApiId, path: string): string {
  if (api !== 'checkmarx') return path;
  const parts = path.split('/');
  let best: { path: string; staticMatches: number } | undefined;
  for (const operation of validator.operations) {
    const templateParts = operation.path.split('/');
    if (templateParts.length !== parts.length) continue;
    if (!templateParts.every((part, index) => part.startsWith('{') || part.toLowerCase() === parts[index]!.toLowerCase())) continue;
    // The most specific template wins: /Users/migration before /Users/{id}.
    const staticMatches = templateParts.filter((part) => !part.startsWith('{')).length;
    if (!best || staticMatches > best.staticMatches) {
      best = { path: templateParts.map((part, index) => (part.startsWith('{') ? parts[index]! : part)).join('/'), staticMatches };
    }
  }
  return best?.path ?? path;
}

/** Sends a request and checks its answer against the spec of `api` under `profile` (the one the mock serves). */
export async function call(baseUrl: string, api: ApiId, options: CallOptions, profile: Profile = DEFAULT_PROFILE): Promise<CheckedResponse> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers };
  let body: string | Buffer | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  const query = options.query ? `?${new URLSearchParams(options.query)}` : '';
  const response = await request(`${baseUrl}${options.path}${query}`, { method: method as 'GET', headers, ...(body !== undefined ? { body } : {}), ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) });
  const statusCode = response.statusCode;
  const text = await response.body.text();
  const responseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
  let parsed: unknown;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${api} ${method} ${options.path}: ${statusCode} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
  }

  const validator = await validatorFor(api, profile);
  const specName = specOf(api, profile).name;
  const route = validator.route(method, specPathFor(validator, api, options.path));
  const declared = route.kind === 'matched' && route.operation.responses.some((response) => response.code === String(statusCode));
  const result = { status: statusCode, headers: responseHeaders, text, body: parsed };
  if (route.kind === 'matched' && declared) {
    const problems = validator.validateResponse(route.operation, { status: statusCode, headers: responseHeaders, body: parsed });
    if (problems.length > 0) {
      throw new Error(`${api} ${method} ${options.path}: the response does not match specs/${specName}.openapi.yaml (${route.operation.iid}): ${describeProblems(problems)}\n${statusCode} ${text.slice(0, 500)}`);
    }
    return { ...result, operationId: route.operation.iid };
  }
  // Not an answer the operation declares: only the generic refusals any endpoint may give, in the API's shape.
  if (!GENERIC_REFUSALS.has(statusCode) && !(options.allowServiceUnavailable && statusCode === 503)) {
    throw new Error(`${api} ${method} ${options.path}: ${statusCode} is not declared by the spec for this request\n${text.slice(0, 500)}`);
  }
  if (parsed === undefined && APIS[api].errorBodyOptional) return { ...result, operationId: undefined };
  const problem = errorShapeProblem(api, profile, parsed);
  if (problem) throw new Error(`${api} ${method} ${options.path}: ${statusCode} is not in the API's error shape (${APIS[api].errorSchema}): ${problem}\n${text.slice(0, 500)}`);
  return { ...result, operationId: undefined };
}

/** Answers any endpoint may give before an operation is reached: no route, wrong method, unreadable body. */
const GENERIC_REFUSALS = new Set([400, 404, 405, 406, 413, 415]);

export interface TestMock {
  url: string;
  server: MockServer;
  call(api: ApiId, options: CallOptions): Promise<CheckedResponse>;
  reset(apis?: readonly ApiId[], seed?: SeedName): Promise<void>;
  close(): Promise<void>;
}

/** A strict, silent mock on a free port: any reply that drifts from the spec becomes a 500 and fails the test. */
export async function startTestMock(options: Partial<MockOptions> = {}): Promise<TestMock> {
  const server = await startMockServer({ port: 0, strict: true, ...options });
  return {
    url: server.url,
    server,
    call: (api, callOptions) => call(server.url, api, callOptions, profileServed(api, server.options.profile)),
    reset: (apis, seed) => server.reset(apis, seed),
    close: () => server.close(),
  };
}
