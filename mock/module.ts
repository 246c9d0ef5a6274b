// The contract between the shared mock machinery (server, pipeline, store) and one API's file.
// An API file says how its paths look, how it refuses a request (its own error shape), who may call
// what, and what each operation does to its state. Everything else (HTTP, bodies, routing, Prism
// validation, persistence, faults, logging) is shared.
import type { IHttpOperation } from '@stoplight/types';
import type { ApiId, Profile } from '../specs/apis.ts';
import type { Store } from './store.ts';
import type { Problem } from '../specs/validation.ts';

export interface MockRequest {
  method: string;
  /** The path as the client sent it (percent-decoded), without the query string. */
  path: string;
  /** The path as the spec spells it (e.g. Checkmarx's case-insensitive paths, canonicalised). */
  specPath: string;
  query: Record<string, string | string[]>;
  /** Header names lower-case. */
  headers: Record<string, string>;
  /** The parsed body: a JSON value, a record of form fields, or undefined when there is none. */
  body: unknown;
  operationId: string;
  operation: IHttpOperation;
  /** Path parameters by the spec's names, percent-decoded. */
  pathParameters: Record<string, string>;
}

export interface MockReply {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value; undefined means no body at all (e.g. 204). */
  body?: unknown;
}

/** What the mock was started with that API files need (credentials). */
export interface MockSettings {
  vaa: { username: string; password: string; token: string };
  checkmarx: { username: string; password: string; limitedUsername: string; limitedPassword: string };
  tyk: { accessKey: string; adminSecret: string };
  /** Login tokens an API keeps at most (vaa, checkmarx); a login past it evicts the oldest (see tokens.ts). */
  maxLiveTokens: number;
}

export type SeedName = 'documents' | 'empty';

/** A request the shared pipeline refuses, for the API module to put in its own error shape. */
export interface Refusal {
  status: number;
  /** What is wrong, in words a client developer can act on. */
  message: string;
  /** Which stage refused (APIs whose documented messages depend on it: Tyk's "User object validation failed."). */
  reason: RefusalReason;
  /** The operation the request was routed to, when routing got that far. */
  operationId?: string;
  /** For 'invalid-request': each thing Prism's validators found wrong. */
  problems?: readonly Problem[];
}

/** Which stage of the shared pipeline refused a request. */
export type RefusalReason =
  | 'unknown-path'
  | 'method-not-allowed'
  | 'body-too-large'
  | 'unreadable-body'
  | 'unsupported-version'
  | 'invalid-request'
  | 'injected-failure'
  | 'not-implemented'
  | 'spec-violation'
  /** A handler threw: a bug of the mock, answered 500 in the API's shape rather than a dropped request. */
  | 'internal-error';

export interface HandlerContext<State, Principal> {
  state: State;
  principal: Principal;
  settings: MockSettings;
  /** Full URL of this server, e.g. 'http://127.0.0.1:4010', for Location headers. */
  origin: string;
}

export type Handler<State, Principal> = (request: MockRequest, context: HandlerContext<State, Principal>) => MockReply | Promise<MockReply>;

export interface ApiModule<State, Principal> {
  id: ApiId;
  /** The path prefixes this API answers under, for people (start-up banner, unknown-path answers). */
  rootPaths: string[];
  /** Whether a request path belongs to this API (before routing). */
  ownsPath(path: string): boolean;
  /** The path spelled as the spec spells it, so Prism's router can match it. */
  toSpecPath(path: string): string;
  /** The media type of this API's JSON responses. */
  responseMediaType: string;
  /**
   * A refusal of the shared pipeline (unknown route, unreadable or invalid body, ...) in this API's own
   * error shape. Handlers build their own replies and do not go through here.
   */
  errorReply(refusal: Refusal): MockReply;
  /** Builds the typed view of the API's collections over a store. */
  createState(store: Store): State;
  /** Fills an empty state with the documents' example users, or nothing. */
  seed(state: State, seed: SeedName, settings: MockSettings): void | Promise<void>;
  /** Who is calling and whether they may call this operation: a principal, or the refusal to send. */
  authenticate(request: MockRequest, state: State, settings: MockSettings): Promise<{ principal: Principal } | { refusal: MockReply }> | { principal: Principal } | { refusal: MockReply };
  handlers: Record<string, Handler<State, Principal>>;
  /** One line per credential, printed when the mock starts. */
  describeCredentials(settings: MockSettings): string[];
  /**
   * The modules that serve the API's other profiles (specs/apis.ts), over the same state: each answers
   * as its profile's spec says. This module serves the `document` profile.
   */
  profiles?: Partial<Record<Profile, ApiModule<State, Principal>>>;
}

/** Erases the module's own types, so the server can hold the three modules in one list. */
export type AnyApiModule = ApiModule<any, any>;
