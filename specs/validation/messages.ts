// What is validated and what validation answers, as plain data: a request, a response, the problems
// found, a route; and the readings of a message both validation paths share.
import type { IHttpOperation } from '@stoplight/types';

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

/** One line per problem, for error messages and test failures. */
export function describeProblems(problems: readonly Problem[]): string {
  return [...new Set(problems.map((problem) => problem.message))].join('; ');
}

/** The header's value as Prism's `caseless` reads it: the last name that matches, whatever its case. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  let value: string | undefined;
  for (const [key, candidate] of Object.entries(headers)) if (key.toLowerCase() === name) value = candidate;
  return value;
}

/** A media type without its parameters, lower-cased: `application/json;v=1.0` is `application/json`. */
export function essenceOf(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}
