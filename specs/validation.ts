// Prism's router and validators, behind a small synchronous interface with plain results.
//
// Everything that validates a request or a response against a spec goes through here: the mock (every
// request and every response), the tests (every fixture, every mock response) and certify. Prism exposes
// these as fp-ts functions over its own operation objects; we unwrap the Either once, here, so callers
// write plain code. Prism caches compiled schemas by object identity, so the operations are loaded once
// per spec (see load.ts) and reused.
import { createRequire } from 'node:module';
import type { IPrismDiagnostic } from '@stoplight/prism-core';
import type { IHttpOperation } from '@stoplight/types';
import type { IHttpRequest, IHttpResponse } from '@stoplight/prism-http';
import type { ApiId } from './apis.ts';
import type { OpenAPIV3_1 } from 'openapi-types';
import { loadPrismOperations, prismOperationsFromDocument } from './load.ts';

// Prism ships these as CommonJS modules outside its package entry point.
const require = createRequire(import.meta.url);
const prismValidator = require('@stoplight/prism-http/dist/validator/index.js') as typeof import('@stoplight/prism-http/dist/validator/index.js');
const prismRoute = (require('@stoplight/prism-http/dist/router/index.js') as { default: typeof import('@stoplight/prism-http/dist/router/index.js').default }).default;

type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };

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

export class SpecValidator {
  readonly api: ApiId;
  readonly operations: readonly IHttpOperation[];
  private readonly byOperationId: Map<string, IHttpOperation>;

  private constructor(api: ApiId, operations: IHttpOperation[]) {
    this.api = api;
    this.operations = operations;
    this.byOperationId = new Map(operations.map((operation) => [operation.iid ?? operation.id, operation]));
  }

  static async load(api: ApiId): Promise<SpecValidator> {
    return new SpecValidator(api, await loadPrismOperations(api));
  }

  /** A validator for a modified copy of a spec (not cached: each call builds Prism's operations anew). */
  static async fromDocument(api: ApiId, document: OpenAPIV3_1.Document): Promise<SpecValidator> {
    return new SpecValidator(api, await prismOperationsFromDocument(document));
  }

  operation(operationId: string): IHttpOperation {
    const operation = this.byOperationId.get(operationId);
    if (!operation) throw new Error(`${this.api}: no operation '${operationId}' in the spec`);
    return operation;
  }

  route(method: string, path: string): RouteResult {
    const input: IHttpRequest = { method: method.toLowerCase() as IHttpRequest['method'], url: { path } };
    const result = prismRoute({ resources: this.operations as IHttpOperation[], input }) as Either<Error & { status?: number }, IHttpOperation>;
    if (result._tag === 'Right') return { kind: 'matched', operation: result.right };
    if (result.left.status === 405) {
      const allowed = this.operations.filter((operation) => templateMatches(operation.path, path)).map((operation) => operation.method.toUpperCase());
      return { kind: 'no-method', allowedMethods: [...new Set(allowed)] };
    }
    return { kind: 'no-path' };
  }

  /** Validates parameters, media type and body. Security is the caller's business: it is stateful. */
  validateRequest(operation: IHttpOperation, request: RequestData): Problem[] {
    const element: IHttpRequest = {
      method: request.method.toLowerCase() as IHttpRequest['method'],
      url: { path: request.path, query: request.query },
      headers: request.headers,
      body: request.body,
    };
    const result = prismValidator.validateInput({ resource: operation, element }) as Either<IPrismDiagnostic[], unknown>;
    return result._tag === 'Right' ? [] : toProblems(result.left, false, 'body');
  }

  /**
   * Validates status, media type, headers and body; an undeclared status is a problem too.
   *
   * Media types are compared by essence (`application/json`): Prism also demands the declared parameters
   * (`;v=1.0`) and refuses any other (`; charset=utf-8`), which no document states. A response without a
   * body is not faulted for its missing media type; its missing body is still judged by the schema.
   */
  validateResponse(operation: IHttpOperation, response: ResponseData): Problem[] {
    const headers = { ...response.headers };
    const declared = operation.responses.find((candidate) => candidate.code === String(response.status))?.contents ?? [];
    const sent = headers['content-type'];
    if (sent !== undefined) {
      const match = declared.find((content) => essenceOf(content.mediaType) === essenceOf(sent));
      if (match) headers['content-type'] = match.mediaType;
    }
    const element: IHttpResponse = { statusCode: response.status, headers, body: response.body };
    const result = prismValidator.validateOutput({ resource: operation, element }) as Either<IPrismDiagnostic[], unknown>;
    if (result._tag === 'Right') return [];
    const withoutBody = response.body === undefined && sent === undefined;
    const diagnostics = withoutBody ? result.left.filter((diagnostic) => !diagnostic.message.startsWith('The received media type')) : result.left;
    return toProblems(diagnostics, true, 'status');
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

/** One line per problem, for error messages and test failures. */
export function describeProblems(problems: readonly Problem[]): string {
  return [...new Set(problems.map((problem) => problem.message))].join('; ');
}
