// Prism alone: its router and validators called as they are, their diagnostics turned into Problems.
// The reference the precomputed checks must agree with, and the path for whatever those do not pass.
import type { IPrismDiagnostic } from '@stoplight/prism-core';
import type { IHttpOperation } from '@stoplight/types';
import type { IHttpRequest, IHttpResponse } from '@stoplight/prism-http';
import { essenceOf, type Problem, type RequestData, type ResponseData, type RouteResult } from './messages.ts';
import { prism } from './prism.ts';
import { allowedMethods } from './routes.ts';

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
export function withDeclaredMediaType(operation: IHttpOperation, response: ResponseData): ResponseData {
  const headers = { ...response.headers };
  const sent = headers['content-type'];
  if (sent !== undefined) {
    const declared = operation.responses.find((candidate) => candidate.code === String(response.status))?.contents ?? [];
    const match = declared.find((content) => essenceOf(content.mediaType) === essenceOf(sent));
    if (match) headers['content-type'] = match.mediaType;
  }
  return { ...response, headers };
}
