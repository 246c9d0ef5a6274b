// Prism's router and validators, behind a small synchronous interface with plain results.
//
// Everything that validates a request or a response against a spec goes through here: the mock (every
// request and every response), the tests (every fixture, every mock response) and certify. Prism exposes
// these as fp-ts functions over its own operation objects; we unwrap the Either once, here, so callers
// write plain code. Prism caches compiled schemas by object identity, so the operations are loaded once
// per spec (see load.ts) and reused.
//
// Speed (the mock validates every request and every reply): Prism redoes per request much that depends
// only on the spec (it sorts every operation to route, parses each path template, rebuilds parameter
// schemas, re-parses media types). Here that is done once per operation (OperationChecks, RouteTable).
// A request or reply those checks find valid gets no problems at once; anything else (a problem, or a
// case they do not cover) goes through Prism's own validateInput/validateOutput, whose diagnostics are
// the answer. So every problem reported is still Prism's, word for word, and "valid" means what it means
// to Prism: the checks follow Prism's code step by step (each names the Prism function it stands for),
// call Prism's own helpers, compile the same schemas with Ajv configured as Prism configures it, and
// test/specs/validation-fast-path.test.ts compares them with Prism alone on every fixture and variants.
import { createRequire } from 'node:module';
import type { IPrismDiagnostic } from '@stoplight/prism-core';
import type { IHttpOperation, IHttpParam, IMediaTypeContent } from '@stoplight/types';
import type { IHttpRequest, IHttpResponse } from '@stoplight/prism-http';
import { DEFAULT_PROFILE, type ApiId, type Profile } from './apis.ts';
import type { OpenAPIV3_1 } from 'openapi-types';
import { loadPrismOperations, prismOperationsFromDocument } from './load.ts';

// Prism ships these as CommonJS modules outside its package entry point (which would also load its
// mocker and faker, a second of start-up we do not need).
const require = createRequire(import.meta.url);
const fromPrism = createRequire(require.resolve('@stoplight/prism-http/package.json'));

type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };
type Option<T> = { _tag: 'None' } | { _tag: 'Some'; value: T };
type Diagnostics = IPrismDiagnostic[];
type Schema = Record<string, unknown>;
/** Prism's ValidationContext. */
type Context = 0 | 1;
const INPUT: Context = 0;
const OUTPUT: Context = 1;

const prism = {
  ...(fromPrism('./dist/validator/index.js') as {
    validateInput(input: { resource: IHttpOperation; element: IHttpRequest }): Either<Diagnostics, unknown>;
    validateOutput(input: { resource: IHttpOperation; element: IHttpResponse }): Either<Diagnostics, unknown>;
    validateMediaType(contents: IMediaTypeContent[], mediaType: string): Either<Diagnostics, unknown>;
  }),
  route: (fromPrism('./dist/router/index.js') as { default: (input: { resources: IHttpOperation[]; input: IHttpRequest }) => Either<Error & { status?: number }, IHttpOperation> }).default,
  ...(fromPrism('./dist/validator/validators/dateTime.js') as { fmtDef(validate: unknown, compare: unknown): object; date_time: unknown; compareDateTime: unknown }),
  Ajv: {
    default: (fromPrism('ajv') as { default: AjvClass }).default,
    draft2019_09: (fromPrism('ajv/dist/2019') as { default: AjvClass }).default,
    draft2020_12: (fromPrism('ajv/dist/2020') as { default: AjvClass }).default,
  },
  addFormats: (fromPrism('ajv-formats') as { default: (ajv: AjvInstance) => void }).default,
  ...(fromPrism('./dist/validator/validators/body.js') as {
    findContentByMediaTypeOrFirst(contents: IMediaTypeContent[], mediaType: string): Option<{ content: IMediaTypeContent }>;
  }),
  ...(fromPrism('./dist/validator/validators/headers.js') as { parseMIMEHeader(header: string): [string | undefined, string] }),
  ...(fromPrism('./dist/validator/utils/spec.js') as { findOperationResponse(responses: IHttpOperation['responses'], status: number): Option<IHttpOperation['responses'][number]> }),
  ...(fromPrism('./dist/validator/utils/wildcardMediaTypeMatch.js') as { wildcardMediaTypeMatch(a: string, b: string): boolean }),
  ...(fromPrism('./dist/utils/filterRequiredProperties.js') as {
    stripReadOnlyProperties(schema: Schema): Option<Schema>;
    stripWriteOnlyProperties(schema: Schema): Option<Schema>;
  }),
  deserializers: fromPrism('./dist/validator/deserializers/index.js') as Record<'query' | 'path' | 'header', Record<string, Deserializer>>,
  mergeAllOf: fromPrism('@stoplight/json-schema-merge-allof') as (schema: Schema, options: object) => Schema,
  UriTemplate: (fromPrism('uri-template-lite') as { URI: { Template: new (template: string) => { match(path: string): Record<string, unknown> | null } } }).URI.Template,
};

type Deserializer = (name: string, parameters: Record<string, unknown>, schema: unknown, explode: boolean) => unknown;
type AjvClass = new (options: object) => AjvInstance;
interface AjvInstance {
  compile(schema: object): { (value: unknown): boolean; errors?: unknown[] | null };
  addFormat(name: string, format: object): void;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'delete' | 'patch' | 'head' | 'options' | 'trace';

export interface RequestData {
  method: string;
  /** The path without query string, as the operation's path template expects it. */
  path: string;
  query: Record<string, string | string[]>;
  /** Header names lower-case. */
  headers: Record<string, string>;
  /** The parsed body (JSON value, or a record of form fields), or undefined when there is none. */
  body: unknown;
}

export interface ResponseData {
  status: number;
  /** Header names lower-case. */
  headers: Record<string, string>;
  body: unknown;
}

/** One thing wrong with a request or a response, in words a client developer can act on. */
export interface Problem {
  /** Where: 'body', 'query', 'path', 'header', 'media-type', 'status'. */
  location: string;
  /** The JSON path inside that location (e.g. ['roleIds', '0']), empty when it is the whole thing. */
  path: string[];
  message: string;
  /** Prism's code: a JSON-schema keyword ('type', 'required', ...) or an HTTP status (415). */
  code: string;
}

export type RouteResult =
  | { kind: 'matched'; operation: IHttpOperation }
  | { kind: 'no-path' }
  | { kind: 'no-method'; allowedMethods: string[] };

const ERROR_SEVERITY = 0;

/**
 * `unplaced` is where a diagnostic without a path belongs: for a request, the body ("Body parameter is
 * required"); for a response, its status ("Unable to match the returned status code").
 */
function toProblems(diagnostics: readonly IPrismDiagnostic[], includeWarnings: boolean, unplaced: 'body' | 'status'): Problem[] {
  return diagnostics
    .filter((diagnostic) => includeWarnings || diagnostic.severity === ERROR_SEVERITY)
    .map((diagnostic) => {
      const [location = 'body', ...path] = diagnostic.path ?? [];
      const code = String(diagnostic.code ?? '');
      const isMediaType = code === '415';
      return {
        location: isMediaType ? 'media-type' : diagnostic.path ? location : unplaced,
        path: isMediaType ? [] : path,
        message: diagnostic.message,
        code,
      };
    });
}

/**
 * Prism alone, as the mock used it before the precomputed checks: the reference the fast paths must agree
 * with (the tests compare them), and the slow path for everything the fast paths do not pass.
 */
export const prismOnly = {
  route(operations: readonly IHttpOperation[], method: string, path: string): RouteResult {
    const input: IHttpRequest = { method: method.toLowerCase() as IHttpRequest['method'], url: { path } };
    const result = prism.route({ resources: operations as IHttpOperation[], input });
    if (result._tag === 'Right') return { kind: 'matched', operation: result.right };
    if (result.left.status === 405) return { kind: 'no-method', allowedMethods: allowedMethods(operations, path) };
    return { kind: 'no-path' };
  },

  validateRequest(operation: IHttpOperation, request: RequestData): Problem[] {
    const element: IHttpRequest = {
      method: request.method.toLowerCase() as IHttpRequest['method'],
      url: { path: request.path, query: request.query },
      headers: request.headers,
      body: request.body,
    };
    const result = prism.validateInput({ resource: operation, element });
    return result._tag === 'Right' ? [] : toProblems(result.left, false, 'body');
  },

  /** See SpecValidator.validateResponse. */
  validateResponse(operation: IHttpOperation, response: ResponseData): Problem[] {
    const asDeclared = withDeclaredMediaType(operation, response);
    const element: IHttpResponse = { statusCode: asDeclared.status, headers: asDeclared.headers, body: asDeclared.body };
    const result = prism.validateOutput({ resource: operation, element });
    if (result._tag === 'Right') return [];
    const withoutBody = response.body === undefined && response.headers['content-type'] === undefined;
    const diagnostics = withoutBody ? result.left.filter((diagnostic) => !diagnostic.message.startsWith('The received media type')) : result.left;
    return toProblems(diagnostics, true, 'status');
  },
};

/**
 * Media types are compared by essence (`application/json`): Prism also demands the declared parameters
 * (`;v=1.0`) and refuses any other (`; charset=utf-8`), which no document states. So a reply's
 * Content-Type is replaced by the declared one with the same essence before Prism sees it.
 */
function withDeclaredMediaType(operation: IHttpOperation, response: ResponseData): ResponseData {
  const headers = { ...response.headers };
  const sent = headers['content-type'];
  if (sent !== undefined) {
    const declared = operation.responses.find((candidate) => candidate.code === String(response.status))?.contents ?? [];
    const match = declared.find((content) => essenceOf(content.mediaType) === essenceOf(sent));
    if (match) headers['content-type'] = match.mediaType;
  }
  return { ...response, headers };
}

export class SpecValidator {
  readonly api: ApiId;
  readonly profile: Profile;
  readonly operations: readonly IHttpOperation[];
  private readonly byOperationId: Map<string, IHttpOperation>;
  private readonly routes: RouteTable;
  private readonly checks = new Map<IHttpOperation, OperationChecks>();

  private constructor(api: ApiId, profile: Profile, operations: IHttpOperation[]) {
    this.api = api;
    this.profile = profile;
    this.operations = operations;
    this.byOperationId = new Map(operations.map((operation) => [operation.iid ?? operation.id, operation]));
    this.routes = new RouteTable(operations);
  }

  static async load(api: ApiId, profile: Profile = DEFAULT_PROFILE): Promise<SpecValidator> {
    return new SpecValidator(api, profile, await loadPrismOperations(api, profile));
  }

  /** A validator for a modified copy of a spec (not cached: each call builds Prism's operations anew). */
  static async fromDocument(api: ApiId, document: OpenAPIV3_1.Document, profile: Profile = DEFAULT_PROFILE): Promise<SpecValidator> {
    return new SpecValidator(api, profile, await prismOperationsFromDocument(document));
  }

  operation(operationId: string): IHttpOperation {
    const operation = this.byOperationId.get(operationId);
    if (!operation) throw new Error(`${this.api}: no operation '${operationId}' in the spec`);
    return operation;
  }

  route(method: string, path: string): RouteResult {
    return this.routes.route(method, path);
  }

  /** Validates parameters, media type and body. Security is the caller's business: it is stateful. */
  validateRequest(operation: IHttpOperation, request: RequestData): Problem[] {
    if (this.checksOf(operation).requestIsValid(request)) return [];
    return prismOnly.validateRequest(operation, request);
  }

  /**
   * Validates status, media type (by essence: see withDeclaredMediaType), headers and body; an undeclared
   * status is a problem too. A response without a body is not faulted for its missing media type; its
   * missing body is still judged by the schema.
   */
  validateResponse(operation: IHttpOperation, response: ResponseData): Problem[] {
    if (this.checksOf(operation).responseIsValid(withDeclaredMediaType(operation, response))) return [];
    return prismOnly.validateResponse(operation, response);
  }

  private checksOf(operation: IHttpOperation): OperationChecks {
    let checks = this.checks.get(operation);
    if (!checks) {
      checks = new OperationChecks(operation);
      this.checks.set(operation, checks);
    }
    return checks;
  }
}

function essenceOf(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}

function templateMatches(template: string, path: string): boolean {
  const templateParts = template.split('/');
  const pathParts = path.split('/');
  return templateParts.length === pathParts.length && templateParts.every((part, index) => part.startsWith('{') || part === pathParts[index]);
}

function allowedMethods(operations: readonly IHttpOperation[], path: string): string[] {
  return [...new Set(operations.filter((operation) => templateMatches(operation.path, path)).map((operation) => operation.method.toUpperCase()))];
}

/** One line per problem, for error messages and test failures. */
export function describeProblems(problems: readonly Problem[]): string {
  return [...new Set(problems.map((problem) => problem.message))].join('; ');
}

// --- Routing ------------------------------------------------------------------------------------

/** Prism's router/matchPath.js decodePathFragment. */
function decodePathFragment(fragment: string): string {
  try {
    return fragment && decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

const TEMPLATED = /{(.+)}/;

interface Route {
  operation: IHttpOperation;
  /** Its position in the spec: Prism prefers the later of two equally good matches. */
  index: number;
  method: string;
  /** The template's raw segments (`path.split('/')`), for Prism's match score. */
  parts: string[];
  /** Per decoded segment: the literal it must equal, or the pattern a templated segment must match. */
  segments: Array<string | RegExp>;
  templated: boolean;
}

/**
 * Prism's router (router/index.js), with each operation's path template taken apart once. Prism sorts
 * every operation by a match score on every request, then takes the first operation whose decoded
 * segments all match (literals equal, templated segments match their pattern) and whose method is the
 * request's: a literal path before a templated one, then the highest score, then the later operation.
 * Here the same operations are compared with the same rules without the sort.
 */
class RouteTable {
  private readonly operations: readonly IHttpOperation[];
  /** By number of segments: a path only ever matches templates with as many. */
  private readonly bySegmentCount = new Map<number, Route[]>();

  constructor(operations: readonly IHttpOperation[]) {
    this.operations = operations;
    for (const [index, operation] of operations.entries()) {
      const segments = operation.path.split('/').slice(1).map(decodePathFragment).map((segment) =>
        // matchPath.js: `{name}` becomes `(.*)`, the rest of the segment is literal (and unanchored).
        TEMPLATED.test(segment) ? new RegExp(segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{[^\\]+\\\}/g, '(.*)')) : segment,
      );
      const route: Route = { operation, index, method: operation.method.toLowerCase(), parts: operation.path.split('/'), segments, templated: segments.some((segment) => segment instanceof RegExp) };
      const routes = this.bySegmentCount.get(segments.length) ?? [];
      routes.push(route);
      this.bySegmentCount.set(segments.length, routes);
    }
  }

  route(method: string, path: string): RouteResult {
    // Prism refuses a path without a leading slash (no status: our 404), as it does an empty spec.
    if (!path.startsWith('/') || this.operations.length === 0) return { kind: 'no-path' };
    const wanted = method.toLowerCase();
    const requestSegments = path.split('/').slice(1).map(decodePathFragment);
    const requestParts = path.split('/');
    let pathMatched = false;
    let best: { route: Route; score: number } | undefined;
    for (const route of this.bySegmentCount.get(requestSegments.length) ?? []) {
      const matches = route.segments.every((segment, index) => (typeof segment === 'string' ? segment === requestSegments[index] : segment.test(requestSegments[index]!)));
      if (!matches) continue;
      pathMatched = true;
      if (route.method !== wanted) continue;
      const score = matchScore(route.parts, requestParts);
      if (!best || isBetter(route, score, best.route, best.score)) best = { route, score };
    }
    if (best) return { kind: 'matched', operation: best.route.operation };
    if (pathMatched) return { kind: 'no-method', allowedMethods: allowedMethods(this.operations, path) };
    return { kind: 'no-path' };
  }
}

/** router/index.js calculateMatchScore, on the raw segments. */
function matchScore(templateParts: readonly string[], requestParts: readonly string[]): number {
  let score = 0;
  for (const [index, part] of templateParts.entries()) {
    if (part === requestParts[index]) score += 1;
    else if (TEMPLATED.test(part)) score += 0.5;
    else break;
  }
  return score;
}

function isBetter(route: Route, score: number, than: Route, thanScore: number): boolean {
  if (route.templated !== than.templated) return !route.templated;
  if (score !== thanScore) return score > thanScore;
  return route.index > than.index;
}

// --- Precomputed checks -------------------------------------------------------------------------

/** The header's value as Prism's `caseless` reads it: the last name that matches, whatever its case. */
function headerValue(headers: Record<string, string>, name: string): string | undefined {
  let value: string | undefined;
  for (const [key, candidate] of Object.entries(headers)) if (key.toLowerCase() === name) value = candidate;
  return value;
}

const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/;

/** A compiled schema: true when the value has no problem. */
type Validate = (value: unknown) => boolean;

const ajvInstances = new Map<string, AjvInstance>();

/**
 * validators/utils.js: Prism's Ajv instances (one per JSON Schema draft, coercing or not), made here
 * with the same options, formats and date-time format. Prism's validateAgainstSchema reaches its
 * compiled schema through several fp-ts wrappers on every call; here each schema is compiled once.
 */
function prismAjv(schema: Schema, coerce: boolean): AjvInstance {
  const $schema = String(schema['$schema']);
  const draft = /^https?:\/\/json-schema.org\/draft\/2019-09\/schema#?$/.test($schema) ? 'draft2019_09' : /^https?:\/\/json-schema.org\/draft\/2020-12\/schema#?$/.test($schema) ? 'draft2020_12' : 'default';
  const key = `${draft} ${coerce}`;
  let ajv = ajvInstances.get(key);
  if (!ajv) {
    const logger = {
      warn: (...args: unknown[]) => (typeof args[0] === 'string' && args[0].startsWith('unknown format') ? undefined : console.warn(...args)),
      log: console.log,
      error: console.error,
    };
    ajv = new prism.Ajv[draft]({ allErrors: true, allowUnionTypes: true, allowMatchingProperties: true, strict: false, logger, coerceTypes: coerce });
    prism.addFormats(ajv);
    ajv.addFormat('date-time', prism.fmtDef(prism.date_time, prism.compareDateTime));
    ajvInstances.set(key, ajv);
  }
  return ajv;
}

/**
 * validateAgainstSchema's verdict: no problem when the compiled schema leaves no errors, or throws while
 * validating. Undefined when the schema does not compile: then Prism judges (it reports no problem).
 */
function compileLikePrism(schema: Schema, coerce: boolean, bundle: unknown): Validate | undefined {
  let validate: ReturnType<AjvInstance['compile']>;
  try {
    validate = prismAjv(schema, coerce).compile({ ...schema, __bundled__: bundle });
  } catch {
    return undefined;
  }
  return (value) => {
    try {
      validate(value);
    } catch {
      return true;
    }
    return !validate.errors?.length;
  };
}

/** What a body is judged against: a compiled schema, or nothing (undefined: any body is valid). */
interface BodyCheck {
  validate: Validate | undefined;
}

/**
 * validators/body.js validate(): the content matching the media type (else the first), and its schema
 * with allOf merged and readOnly (request) or writeOnly (response) properties taken out, as Prism's
 * memoised normaliser does. Null when Prism's own path must judge: a form (Prism deserialises it) or a
 * schema that does not compile.
 */
function bodyCheck(contents: readonly IMediaTypeContent[], mediaType: string | undefined, context: Context, bundle: unknown): BodyCheck | null {
  let content: IMediaTypeContent | undefined = contents[0];
  if (mediaType !== undefined) {
    const found = prism.findContentByMediaTypeOrFirst(contents as IMediaTypeContent[], mediaType);
    content = found._tag === 'Some' ? found.value.content : contents[0];
  }
  if (!content?.schema) return { validate: undefined };
  let merged = content.schema as Schema;
  try {
    merged = prism.mergeAllOf(merged, { deep: true, ignoreAdditionalProperties: true });
  } catch {
    // Prism validates the schema as it is.
  }
  const normalized = context === INPUT ? prism.stripReadOnlyProperties(merged) : prism.stripWriteOnlyProperties(merged);
  if (normalized._tag === 'None') return { validate: undefined };
  if (mediaType !== undefined && !JSON_MEDIA_TYPE.test(essenceOf(mediaType))) return null;
  const validate = compileLikePrism(normalized.value, false, bundle);
  return validate ? { validate } : null;
}

/**
 * validators/params.js validateParams(): the parameters, by lower-cased name, deserialised by their
 * style, those with a (truthy) value checked against one object schema built from them, with coercion.
 * Deprecation warnings are left to Prism: `hasDeprecated` makes the caller use Prism's path.
 */
class ParameterChecks {
  readonly hasDeprecated: boolean;
  private readonly parameters: Array<{ name: string; deserialize: Deserializer | undefined; schema: unknown; explode: boolean }>;
  private readonly validate: Validate | undefined;

  constructor(specs: readonly IHttpParam[], deserializers: Record<string, Deserializer>, defaultStyle: string, bundle: unknown) {
    // createJsonSchemaFromParams: properties keyed by toLocaleLowerCase, required by toLowerCase.
    const properties: Record<string, unknown> = {};
    for (const spec of specs) properties[spec.name.toLocaleLowerCase()] = spec.schema;
    for (const [name, schema] of Object.entries(properties)) if (!schema) delete properties[name];
    const schema = { type: 'object', properties, required: specs.filter((spec) => spec.required).map((spec) => spec.name.toLowerCase()).filter(Boolean) };
    this.validate = compileLikePrism(schema, true, bundle);
    const byName = new Map(specs.map((spec) => [spec.name.toLowerCase(), spec]));
    this.parameters = [...byName].map(([name, spec]) => ({ name, deserialize: deserializers[spec.style || defaultStyle], schema: properties[name], explode: spec.explode || false }));
    this.hasDeprecated = specs.some((spec) => spec.deprecated);
  }

  isValid(target: Record<string, unknown> | null): boolean {
    if (!this.validate) return false;
    const lowerCased = Object.fromEntries(Object.entries(target ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    const values: Record<string, unknown> = {};
    for (const { name, deserialize, schema, explode } of this.parameters) {
      const value = deserialize?.(name, lowerCased, schema, explode);
      if (value) values[name] = value;
    }
    return this.validate(values);
  }
}

interface ResponseChecks {
  contents: readonly IMediaTypeContent[];
  headers: ParameterChecks | undefined;
  /** By Content-Type as declared (validateResponse rewrites the sent one to it): whether Prism accepts it, and the body's check. */
  byMediaType: Map<string | undefined, { accepted: boolean; body: BodyCheck | null }>;
}

/**
 * What validating one operation's requests and replies needs that depends only on the spec, computed on
 * first use. `requestIsValid` and `responseIsValid` answer true only when Prism's validateInput or
 * validateOutput would find nothing; false sends the message through Prism.
 */
class OperationChecks {
  private readonly operation: IHttpOperation;
  private readonly bundle: unknown;
  private readonly query: ParameterChecks | undefined;
  private readonly headers: ParameterChecks | undefined;
  private readonly path: { template: { match(path: string): Record<string, unknown> | null }; parameters: ParameterChecks } | undefined;
  /** By the Content-Type given to Prism: whether the media type is accepted, and the body's check. */
  private readonly requestBodies = new Map<string | undefined, { supported: boolean; body: BodyCheck | null } | null>();
  private readonly responses = new Map<number, ResponseChecks | null>();

  constructor(operation: IHttpOperation) {
    this.operation = operation;
    this.bundle = (operation as { __bundled__?: unknown }).__bundled__;
    const request = operation.request;
    const parameters = (specs: readonly IHttpParam[] | undefined, deserializers: Record<string, Deserializer>, style: string): ParameterChecks | undefined =>
      specs && specs.length > 0 ? new ParameterChecks(specs, deserializers, style, this.bundle) : undefined;
    this.query = parameters(request?.query, prism.deserializers.query, 'form');
    this.headers = parameters(request?.headers, prism.deserializers.header, 'simple');
    const pathParameters = parameters(request?.path, prism.deserializers.path, 'simple');
    // validator/index.js getPathParams parses the template on every request.
    this.path = pathParameters && { template: new prism.UriTemplate(operation.path), parameters: pathParameters };
  }

  /** validator/index.js validateInput. */
  requestIsValid(request: RequestData): boolean {
    if (!this.operation.request) return true;
    if (!this.requestBodyIsValid(request)) return false;
    if (this.query && !this.query.isValid(request.query)) return false;
    if (this.headers && !this.headers.isValid(request.headers)) return false;
    return !this.path || this.path.parameters.isValid(this.path.template.match(request.path));
  }

  /** validator/index.js validateInputBody. */
  private requestBodyIsValid(request: RequestData): boolean {
    const specBody = this.operation.request?.body;
    if (specBody?.required && !request.body) return false;
    const check = this.requestBodyCheck(headerValue(request.headers, 'content-type'));
    if (check === null) return false;
    const contentLength = Number.parseInt(headerValue(request.headers, 'content-length') as string) || 0;
    if (contentLength !== 0 && !check.supported) return false;
    // Only a body that is there, for an operation that declares one, is judged by the schema.
    if (request.body === undefined || request.body === null || !specBody) return true;
    if (check.body === null) return false;
    return check.body.validate === undefined || check.body.validate(request.body);
  }

  /**
   * For the media types the spec declares for this body (as sent, or as their essence) and for none;
   * any other Content-Type is left to Prism (null), so this cache cannot grow with what clients send.
   */
  private requestBodyCheck(contentType: string | undefined): { supported: boolean; body: BodyCheck | null } | null {
    if (this.requestBodies.has(contentType)) return this.requestBodies.get(contentType)!;
    const specBody = this.operation.request?.body;
    const contents = specBody?.contents ?? [];
    const known = contentType === undefined || contents.some((content) => content.mediaType === contentType || essenceOf(content.mediaType) === contentType);
    if (!known) return null;
    let check: { supported: boolean; body: BodyCheck | null } | null = null;
    try {
      const mediaType = contentType ? prism.parseMIMEHeader(contentType)[1] : undefined;
      const supported = specBody !== undefined && (mediaType === undefined || specBody.contents === undefined || specBody.contents.some((content) => !content.mediaType || prism.wildcardMediaTypeMatch(mediaType, content.mediaType)));
      check = { supported, body: bodyCheck(contents, mediaType, INPUT, this.bundle) };
    } catch {
      // Prism throws on this header: leave it to Prism.
    }
    this.requestBodies.set(contentType, check);
    return check;
  }

  /** validator/index.js validateOutput. */
  responseIsValid(response: ResponseData): boolean {
    const checks = this.responseChecks(response.status);
    if (!checks) return false;
    const mediaType = headerValue(response.headers, 'content-type');
    const byMediaType = checks.byMediaType.get(mediaType);
    if (!byMediaType || !byMediaType.accepted || !byMediaType.body) return false;
    if (byMediaType.body.validate !== undefined && !byMediaType.body.validate(response.body)) return false;
    return !checks.headers || checks.headers.isValid(response.headers);
  }

  /** Null when the status is not declared (a problem) or its headers have deprecated ones (Prism warns). */
  private responseChecks(status: number): ResponseChecks | null {
    if (this.responses.has(status)) return this.responses.get(status)!;
    let checks: ResponseChecks | null = null;
    const found = prism.findOperationResponse(this.operation.responses, status);
    if (found._tag === 'Some') {
      const response = found.value;
      const contents = response.contents ?? [];
      const headerSpecs = response.headers ?? [];
      const headers = headerSpecs.length > 0 ? new ParameterChecks(headerSpecs, prism.deserializers.header, 'simple', this.bundle) : undefined;
      const byMediaType = new Map<string | undefined, { accepted: boolean; body: BodyCheck | null }>();
      for (const mediaType of [undefined, ...contents.map((content) => content.mediaType)]) {
        const accepted = contents.length === 0 || (mediaType !== undefined && prism.validateMediaType(contents as IMediaTypeContent[], mediaType)._tag === 'Right');
        byMediaType.set(mediaType, { accepted, body: bodyCheck(contents, mediaType, OUTPUT, this.bundle) });
      }
      if (!headers?.hasDeprecated) checks = { contents, headers, byMediaType };
    }
    this.responses.set(status, checks);
    return checks;
  }
}
