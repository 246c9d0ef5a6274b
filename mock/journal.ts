// The request journal (WireMock's /__admin/requests): what clients sent, so a client's test can assert
// "my client sent X". `GET /__userapi/requests` lists it (oldest first; ?api= and ?operationId= filter),
// `DELETE` clears it, a reset clears the reset APIs' entries. Credentials are redacted; bodies are kept
// as sent. It holds the last JOURNAL_LIMIT requests (older ones are dropped, and counted), each body up to
// JOURNAL_BODY_LIMIT characters: however long the mock runs, under 50 MiB even if every request carried
// the largest body and headers Node lets in, and well under 1 MiB for the APIs' usual requests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiId } from '../specs/apis.ts';
import { CONTROL_PREFIX } from './defaults.ts';

export const JOURNAL_LIMIT = 1_000;
export const JOURNAL_BODY_LIMIT = 16 * 1024;
export const JOURNAL_ROUTE = `${CONTROL_PREFIX}/requests`;

/** Headers that carry a credential of one of the APIs (or of a browser). */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-lxt-api-token', 'admin-auth', 'cookie']);
const REDACTED = '[redacted]';

export interface JournalEntry {
  /** 1 for the mock's first request; keeps counting across clears. */
  id: number;
  /** When the request arrived (ISO 8601). */
  time: string;
  /** The API whose path it was, or null when no API served owns the path. */
  api: ApiId | null;
  /** The operation the spec routed it to, or null when none (unknown path, wrong method, refused before routing). */
  operationId: string | null;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Names lower-cased; credentials replaced by '[redacted]' (an authorization's scheme is kept: 'Bearer [redacted]'). */
  headers: Record<string, string>;
  /** The body as sent (UTF-8), or null when there was none or it was refused unread (413). */
  body: string | null;
  /** Present when the body was longer than JOURNAL_BODY_LIMIT characters and cut there. */
  bodyTruncated?: true;
  /** The status the mock answered (499: the client hung up first). */
  status: number;
  durationMs: number;
}

export interface JournalFilter {
  api?: string;
  operationId?: string;
}

interface Pending {
  time: string;
  started: number;
  path: string;
  query: Record<string, string | string[]>;
  body: Buffer | null;
}

export class RequestJournal {
  private entries: JournalEntry[] = [];
  private nextId = 1;
  private dropped = 0;
  private readonly pending = new WeakMap<IncomingMessage, Pending>();

  /** Marks a request as one to record (an API request, not a control one or a preflight). */
  note(request: IncomingMessage, path: string, query: Record<string, string | string[]>): void {
    this.pending.set(request, { time: new Date().toISOString(), started: performance.now(), path, query, body: null });
  }

  noteBody(request: IncomingMessage, body: Buffer): void {
    const pending = this.pending.get(request);
    if (pending && body.length > 0) pending.body = body;
  }

  /** Records a noted request once answered; does nothing for the others. */
  record(request: IncomingMessage, outcome: { api?: ApiId; status: number; operationId?: string }): void {
    const pending = this.pending.get(request);
    if (pending === undefined) return;
    this.pending.delete(request);
    const text = pending.body?.toString('utf8') ?? null;
    this.entries.push({
      id: this.nextId++,
      time: pending.time,
      api: outcome.api ?? null,
      operationId: outcome.operationId ?? null,
      method: request.method ?? 'GET',
      path: pending.path,
      query: pending.query,
      headers: redactedHeaders(request),
      body: text === null ? null : text.slice(0, JOURNAL_BODY_LIMIT),
      ...(text !== null && text.length > JOURNAL_BODY_LIMIT ? { bodyTruncated: true as const } : {}),
      status: outcome.status,
      durationMs: Math.round((performance.now() - pending.started) * 10) / 10,
    });
    if (this.entries.length > JOURNAL_LIMIT) {
      const excess = this.entries.length - JOURNAL_LIMIT;
      this.entries.splice(0, excess);
      this.dropped += excess;
    }
  }

  /** The entries, oldest first, matching every filter given. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    return this.entries.filter((entry) => (filter.api === undefined || entry.api === filter.api) && (filter.operationId === undefined || entry.operationId === filter.operationId));
  }

  /** Forgets the entries of `apis` (undefined: every entry); returns how many. */
  clear(apis?: readonly ApiId[]): number {
    const before = this.entries.length;
    this.entries = apis === undefined ? [] : this.entries.filter((entry) => entry.api === null || !apis.includes(entry.api));
    if (apis === undefined) this.dropped = 0;
    return before - this.entries.length;
  }

  /** GET and DELETE /__userapi/requests; answers and returns the status. */
  serve(method: string, query: Record<string, string | string[]>, apis: readonly ApiId[], response: ServerResponse): number {
    if (method !== 'GET' && method !== 'DELETE') return reply(response, 405, { error: `${JOURNAL_ROUTE} takes GET or DELETE, not ${method}.` }, { allow: 'GET, DELETE' });
    const unknown = Object.keys(query).filter((name) => name !== 'api' && name !== 'operationId');
    if (unknown.length > 0) return reply(response, 400, { error: `Unknown query parameter ${unknown.join(', ')}: ${JOURNAL_ROUTE} takes api and operationId.` });
    const filter: JournalFilter = {};
    for (const name of ['api', 'operationId'] as const) {
      const value = query[name];
      if (Array.isArray(value)) return reply(response, 400, { error: `Give ${name} once, not ${value.length} times.` });
      if (value !== undefined) filter[name] = value;
    }
    if (filter.api !== undefined && !apis.includes(filter.api as ApiId)) return reply(response, 400, { error: `Not served by this mock: ${filter.api}. Served: ${apis.join(', ')}.` });
    if (method === 'DELETE') {
      if (filter.operationId !== undefined) return reply(response, 400, { error: `DELETE ${JOURNAL_ROUTE} takes only api.` });
      return reply(response, 200, { cleared: this.clear(filter.api === undefined ? undefined : [filter.api as ApiId]) });
    }
    return reply(response, 200, { requests: this.list(filter), limit: JOURNAL_LIMIT, dropped: this.dropped });
  }
}

function redactedHeaders(request: IncomingMessage): Record<string, string> {
  const entries = Object.entries(request.headers).flatMap(([name, value]) => {
    if (value === undefined) return [];
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (!CREDENTIAL_HEADERS.has(name)) return [[name, text] as const];
    const scheme = /^(\w+)\s+\S/.exec(text)?.[1];
    return [[name, name.endsWith('authorization') && scheme !== undefined ? `${scheme} ${REDACTED}` : REDACTED] as const];
  });
  return Object.fromEntries(entries);
}

function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
  const bytes = Buffer.from(JSON.stringify(body));
  response.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': String(bytes.length) }).end(bytes);
  return status;
}
