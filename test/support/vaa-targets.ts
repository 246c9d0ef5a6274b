// Targets for the vaa proofs, built from the mock: a copy of its module with some handlers replaced,
// and proxies that reshape its answers. Two of them make every choice the VAA document leaves open
// differently from the mock (and from each other); the rest break one thing each.
import { createHash } from 'node:crypto';
import { vaa } from '../../mock/apis/vaa.ts';
import type { AnyApiModule, MockReply, MockRequest } from '../../mock/module.ts';
import { afterAll, beforeAll } from 'vitest';
import { mapJson, patchModule, pathOf, proofRuns, type Handler, type ProxiedRequest, type ProxiedResponse, type Rewrites } from './certify.ts';

export const handlers = vaa.handlers as Record<string, Handler>;

export const envelope = (status: number, message: string, data: unknown = []): MockReply => ({ status, body: { status, message, data } });
export const success = (data: unknown): MockReply => ({ status: 200, body: { status: 201, message: 'Success', data } });

/** The vaa module with some handlers (or its authentication) replaced. */
export function patched(replacements: Record<string, Handler>, authenticate?: AnyApiModule['authenticate']): AnyApiModule {
  return patchModule(vaa, replacements, authenticate ? { authenticate } : {});
}
export const queryOf = (request: ProxiedRequest): URLSearchParams => new URLSearchParams(request.url.split('?')[1] ?? '');
export const isUsersWrite = (request: ProxiedRequest): boolean => request.method !== 'GET' && pathOf(request).startsWith('/api/v2/users');

interface StoredUser {
  userId: string;
  email: string;
  id: string;
  status: 'active' | 'inactive';
  firstName: string;
  lastName: string;
}
const usersIn = (context: any): StoredUser[] => [...(context.state.users.values() as Iterable<StoredUser>)];
const bodyOf = (request: MockRequest): Record<string, any> => request.body as Record<string, any>;
const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** Applies `change` to every user object in an envelope's `data` (an array of users or one user). */
export function rewriteUsers(body: any, change: (user: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (typeof body !== 'object' || body === null || !('data' in body)) return body;
  const isUser = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && 'userId' in value;
  const data = Array.isArray(body.data) ? body.data.map((item: unknown) => (isUser(item) ? change(item) : item)) : isUser(body.data) ? change(body.data) : body.data;
  return { ...body, data };
}

export function numberFor(text: string): number {
  return Number.parseInt(createHash('sha256').update(text).digest('hex').slice(0, 8), 16);
}

function uuidFor(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Ids answered in another format, and mapped back when a request sends one (PUT and DELETE bodies). */
function idFormat(format: (id: string) => string): { out: (id: unknown) => unknown; back: (request: ProxiedRequest) => ProxiedRequest } {
  const original = new Map<string, string>();
  return {
    out: (id) => {
      if (typeof id !== 'string') return id;
      const shown = format(id);
      original.set(shown, id);
      return shown;
    },
    back: (request) => {
      try {
        const body = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
        if (typeof body['id'] !== 'string' || !original.has(body['id'])) return request;
        return { ...request, body: Buffer.from(JSON.stringify({ ...body, id: original.get(body['id']) })) };
      } catch {
        return request;
      }
    },
  };
}

const capitalised = (name: string): string => name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);

function withHeaders(response: ProxiedResponse, contentType: string, rename: (name: string) => string, extra: Record<string, string>): ProxiedResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (['content-type', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name.toLowerCase())) continue;
    headers[rename(name)] = value;
  }
  return { ...response, headers: { ...headers, ...(response.body.length > 0 ? { [rename('content-type')]: contentType } : {}), ...extra } };
}

function reply(status: number, message: string): ProxiedResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ status, message, data: [] })) };
}

const LONGEST_NAME = 64;
const tooLong = (body: Record<string, any>): string | undefined => ['firstName', 'lastName'].find((field) => typeof body[field] === 'string' && [...(body[field] as string)].length > LONGEST_NAME);

/** The answers target A gives itself; any other 400 is a request its validation refused (A says 422). */
const A_MESSAGES = new Set(['User(s) not found.', 'User already exists.', 'Email already in use.', 'firstName is too long.', 'lastName is too long.', 'User is already inactive.', 'User is already active.', 'id does not match the user.']);

/**
 * Target A: 401 for a bad token; UUID ids, checked against a PUT body's id; extra fields and a
 * customerName (null) on every user; POST answers customerId null as the document shows; lists newest
 * first; the envelope's keys reversed with an extra one; header names capitalised, a charset; 404
 * "Invalid user" for an unknown ?userId=; 400 "User(s) not found." for PUTs of an unknown user; 422 for
 * invalid bodies; a second user with an email refused; names over 64 characters refused; deactivating
 * an inactive user (or reactivating an active one) refused; ?userId= and ?email= together match either;
 * login only as multipart/form-data.
 */
export function openChoicesA(): { module: AnyApiModule; rewrites: Rewrites } {
  const notFound = envelope(400, 'User(s) not found.');
  const setStatus = (status: 'active' | 'inactive', original: Handler): Handler => (request, context) => {
    const existing = context.state.users.get(bodyOf(request)['userId']) as StoredUser | undefined;
    if (!existing) return notFound;
    if (existing.status === status) return envelope(400, `User is already ${status}.`);
    return original(request, context);
  };
  const module = patched({
    async listUsers(request, context) {
      const userId = single(request.query['userId']);
      const email = single(request.query['email']);
      if (userId !== undefined && email !== undefined) {
        const found = new Map<string, unknown>();
        for (const query of [{ userId }, { email }] as Array<Record<string, string>>) {
          const answer = await handlers['listUsers']!({ ...request, query }, context);
          for (const user of ((answer.body as { data: Array<{ userId: string }> }).data ?? [])) found.set(user.userId, user);
        }
        return found.size === 0 ? notFound : { status: 200, body: { status: 200, message: 'Success', data: [...found.values()] } };
      }
      const answer = await handlers['listUsers']!(request, context);
      return userId !== undefined && answer.status === 400 ? envelope(404, 'Invalid user') : answer;
    },
    createUser(request, context) {
      const body = bodyOf(request);
      if (context.state.users.has(body['userId'])) return handlers['createUser']!(request, context);
      const long = tooLong(body);
      if (long) return envelope(400, `${long} is too long.`);
      if (usersIn(context).some((user) => user.email === body['email'])) return envelope(400, 'Email already in use.');
      return handlers['createUser']!(request, context);
    },
    updateUser(request, context) {
      const body = bodyOf(request);
      const existing = context.state.users.get(body['userId']) as StoredUser | undefined;
      if (!existing) return notFound;
      if (body['id'] !== undefined && body['id'] !== existing.id) return envelope(400, 'id does not match the user.');
      const long = tooLong(body);
      if (long) return envelope(400, `${long} is too long.`);
      if (usersIn(context).some((user) => user.email === body['email'] && user.userId !== existing.userId)) return envelope(400, 'Email already in use.');
      return handlers['updateUser']!(request, context);
    },
    deactivateUser: setStatus('inactive', handlers['deactivateUser']!),
    reactivateUser: setStatus('active', handlers['reactivateUser']!),
  });
  const ids = idFormat(uuidFor);
  const rewrites: Rewrites = {
    request: ids.back,
    response: (response, request) => {
      if (pathOf(request) === '/api/v2/login' && (request.headers['content-type'] ?? '').includes('urlencoded')) return reply(400, 'Send the login form as multipart/form-data.');
      let { status } = response;
      const shaped = mapJson(response, (body) => {
        if (typeof body !== 'object' || body === null || !('status' in body)) return body;
        let next = body;
        if (status === 403) {
          status = 401;
          next = { ...next, status, message: 'Unauthorized.' };
        } else if (status === 400 && !A_MESSAGES.has(next.message)) {
          status = 422;
          next = { ...next, status, message: `Unprocessable request: ${String(next.message)}` };
        }
        next = rewriteUsers(next, (user) => ({ ...user, id: ids.out(user['id']), customerName: user['customerName'] ?? null, roles: [], lastLogin: '2024-01-01T00:00:00Z', profile: { source: 'directory' } }));
        if (request.method === 'POST' && pathOf(request) === '/api/v2/users' && status === 200) next = rewriteUsers(next, (user) => ({ ...user, customerId: null }));
        if (Array.isArray(next.data)) next = { ...next, data: [...next.data].reverse() };
        return { requestId: 'r-1', ...Object.fromEntries(Object.entries(next).reverse()) };
      });
      return withHeaders({ ...shaped, status }, 'application/json; charset=utf-8', capitalised, { 'X-Powered-By': 'Implementation A' });
    },
  };
  return { module, rewrites };
}

/**
 * Target B: 401 with its own message; numeric string ids; keys in alphabetical order with created /
 * updated dates; no customerName on users without a customer; lists by userId descending; an empty
 * list answered 200 with no users (it starts with none); "No user with that userId." (400) for an
 * unknown ?userId=; ?userId= wins over ?email=; 404 "User does not exist." for PUTs of an unknown user;
 * its own message for invalid bodies; Content-Type without a space; login only urlencoded.
 */
export function openChoicesB(): { module: AnyApiModule; rewrites: Rewrites } {
  const missing = envelope(404, 'User does not exist.');
  const known = (original: Handler): Handler => (request, context) => (context.state.users.has(bodyOf(request)['userId']) ? original(request, context) : missing);
  const module = patched({
    async listUsers(request, context) {
      const userId = single(request.query['userId']);
      const email = single(request.query['email']);
      const answer = await handlers['listUsers']!({ ...request, query: userId !== undefined ? { userId } : request.query }, context);
      if (answer.status !== 400) return answer;
      if (userId !== undefined) return envelope(400, 'No user with that userId.');
      return email === undefined ? { status: 200, body: { status: 200, message: 'Success', data: [] } } : answer;
    },
    updateUser: known(handlers['updateUser']!),
    deactivateUser: known(handlers['deactivateUser']!),
    reactivateUser: known(handlers['reactivateUser']!),
  });
  const ids = idFormat((id) => String(numberFor(id)));
  const sorted = (value: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
  const rewrites: Rewrites = {
    request: ids.back,
    response: (response, request) => {
      if (pathOf(request) === '/api/v2/login' && (request.headers['content-type'] ?? '').startsWith('multipart/')) return reply(415, 'Send the login form urlencoded.');
      const status = response.status === 403 ? 401 : response.status;
      const shaped = mapJson(response, (body) => {
        if (typeof body !== 'object' || body === null || !('status' in body)) return body;
        let next = body;
        if (response.status === 403) next = { ...next, status: 401, message: 'Token expired or invalid.' };
        else if (response.status === 400 && String(next.message).startsWith('Invalid request')) next = { ...next, message: 'Bad request: check the JSON body against the API document.' };
        next = rewriteUsers(next, (user) => sorted({ ...user, id: ids.out(user['id']), createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-02T00:00:00Z' }));
        if (Array.isArray(next.data)) next = { ...next, data: [...next.data].sort((a: any, b: any) => String(b.userId).localeCompare(String(a.userId))) };
        return sorted({ ...next, timestamp: '2024-01-01T00:00:00Z' });
      });
      return withHeaders({ ...shaped, status }, 'application/json;charset=UTF-8', (name) => name, { 'x-served-by': 'Implementation B' });
    },
  };
  return { module, rewrites };
}

/** The users an answer lists (the envelope's data), for a target's own view of what it holds. */
export function userIdsIn(body: unknown): string[] {
  const data = (body as { data?: unknown } | undefined)?.data;
  return Array.isArray(data) ? data.map((user: { userId?: unknown }) => String(user.userId)) : [];
}

export const vaaState = (context: any): StoredUser[] => usersIn(context);

/**
 * The proof runs of one vaa test file (test/support/certify.ts), started and stopped around it. Its
 * targets answer outside the spec on purpose: the mock's note of each such answer is kept out of the
 * test output meanwhile.
 */
export function vaaProofRuns(options: Parameters<typeof proofRuns>[1]): ReturnType<typeof proofRuns> {
  const proof = proofRuns('vaa', options);
  const original = console.error;
  beforeAll(() => {
    console.error = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('userapi mock: reply does not match')) return;
      original(...args);
    };
    return proof.start();
  });
  afterAll(async () => {
    await proof.stop();
    console.error = original;
  });
  return proof;
}
