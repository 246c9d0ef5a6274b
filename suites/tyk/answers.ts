// What a Tyk answer must look like, per profile: the success envelopes and their literals (the document's
// samples, or Dashboard 5.8's as the facts give them), a user (the spec's User for the document; the 5.8
// fields, without `password`, for Dashboard 5.8), a list, an error envelope, a refusal. Every failure
// names the operation whose answer it is (operations.ts), unless the caller names the one at fault.
import type { Profile } from '../../specs/apis.ts';
import { componentSchemaProblems } from '../../specs/schemas.ts';
import { answerOf, expectJson, fail } from '../harness/expect.ts';
import type { FailureKind } from '../harness/failures.ts';
import type { Exchange } from '../harness/http.ts';
import { operationOf } from './operations.ts';
import type { TykUser } from './values.ts';

export { answerOf, fail } from '../harness/expect.ts';

export const DASHBOARD_58: Profile = 'tyk-5.8';

export function isDashboard58(profile: string): boolean {
  return profile === DASHBOARD_58;
}

export interface AnswerShape {
  profile: string;
  message: string;
  /** What `Meta` is: a literal, the user object, the new user's id, or something the source does not show. */
  meta: '' | null | 'user' | 'new-id' | 'unstated';
}

export type AnswerName = 'created' | 'passwordUpdated' | 'updated' | 'sessionRenewed' | 'deleted' | 'adminUpdated' | 'revoked';

const DOCUMENT_ANSWERS: Record<AnswerName, Omit<AnswerShape, 'profile'>> = {
  created: { message: 'User created', meta: '' },
  passwordUpdated: { message: 'User password updated', meta: '' },
  updated: { message: 'User updated', meta: null },
  sessionRenewed: { message: 'User session renewed', meta: null },
  deleted: { message: 'User deleted', meta: '' },
  adminUpdated: { message: 'User updated', meta: 'user' },
  // Not in the document: Dashboard 5.8's, the only one there is.
  revoked: { message: 'User revoked', meta: 'unstated' },
};

const DASHBOARD_58_ANSWERS: Record<AnswerName, Omit<AnswerShape, 'profile'>> = {
  ...DOCUMENT_ANSWERS,
  created: { message: 'User and session have been created', meta: 'new-id' },
  passwordUpdated: { message: 'User password updated', meta: null },
  deleted: { message: 'User deleted', meta: null },
};

export function answersFor(profile: string): Record<AnswerName, AnswerShape> {
  const answers = isDashboard58(profile) ? DASHBOARD_58_ANSWERS : DOCUMENT_ANSWERS;
  return Object.fromEntries(Object.entries(answers).map(([name, shape]) => [name, { ...shape, profile }])) as Record<AnswerName, AnswerShape>;
}

export interface Blame {
  /** The operation at fault when it is not the one whose answer is looked at (a user not deleted: deleteUser). */
  operation?: string;
  kind?: FailureKind;
}

function blameOf(exchange: Exchange, blame: Blame, kind: FailureKind) {
  const operation = blame.operation ?? operationOf(exchange);
  return { kind: blame.kind ?? kind, exchanges: [exchange], ...(operation ? { operation } : {}) };
}

/** Fails about one exchange, naming its operation (or the one `blame` names). */
export function failOn(exchange: Exchange, message: string, expected: unknown, kind: FailureKind, blame: Blame = {}): never {
  return fail(message, expected, answerOf(exchange), blameOf(exchange, blame, kind));
}

// --- statuses --------------------------------------------------------------------------------------

export function isClientError(exchange: Exchange): boolean {
  return exchange.response.status >= 400 && exchange.response.status < 500;
}

export function isRefusal(exchange: Exchange): boolean {
  return exchange.response.status === 401 || exchange.response.status === 403;
}

export function expectNoServerError(exchange: Exchange, what: string, blame: Blame = {}): void {
  if (exchange.response.status >= 500) failOn(exchange, `${what}: the server failed (HTTP ${exchange.response.status})`, 'a 2xx or 4xx answer', 'server-error', blame);
}

export function expectClientError(exchange: Exchange, what: string, blame: Blame = {}): void {
  const { status } = exchange.response;
  if (status < 400 || status >= 500) failOn(exchange, `${what}: HTTP ${status}, expected a 4xx refusal`, 'HTTP 4xx', status >= 500 ? 'server-error' : 'not-refused', blame);
}

/** A refused credential or permission: the document gives no status, so 401 and 403 are both right there. */
export function expectRefusal(exchange: Exchange, what: string, statuses: readonly number[] = [401, 403], blame: Blame = {}): void {
  const { status } = exchange.response;
  if (!statuses.includes(status)) failOn(exchange, `${what}: HTTP ${status}, expected a refusal (${statuses.join(' or ')})`, `HTTP ${statuses.join(' or ')}`, status >= 500 ? 'server-error' : status < 400 ? 'not-refused' : 'status', blame);
}

// --- users and lists -------------------------------------------------------------------------------

type FieldType = 'string' | 'boolean' | 'object' | 'permissions' | 'integer';

/** Dashboard 5.8's User, field by field (facts: "User object fields in 5.8"). */
export const DASHBOARD_58_FIELDS: Readonly<Record<string, FieldType>> = {
  id: 'string',
  org_id: 'string',
  first_name: 'string',
  last_name: 'string',
  email_address: 'string',
  active: 'boolean',
  access_key: 'string',
  api_model: 'object',
  user_permissions: 'permissions',
  group_id: 'string',
  created_at: 'string',
  last_login_date: 'string',
  password_max_days: 'integer',
  password_updated: 'string',
};

/** The fields every 5.8 user has to have for a client to work with it; the rest are judged by a SHOULD. */
const DASHBOARD_58_REQUIRED = ['id', 'org_id', 'first_name', 'last_name', 'email_address', 'active', 'access_key'];

function hasType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'permissions':
      return hasType(value, 'object') && Object.values(value as object).every((level) => typeof level === 'string');
  }
}

/** What is wrong with a user as Dashboard 5.8 answers one: a missing field, a wrong type, a `password`. */
export function dashboard58UserProblems(user: unknown): string[] {
  if (!hasType(user, 'object')) return ['the user is not a JSON object'];
  const record = user as Record<string, unknown>;
  const problems = DASHBOARD_58_REQUIRED.filter((field) => !(field in record)).map((field) => `${field} is missing`);
  for (const [field, type] of Object.entries(DASHBOARD_58_FIELDS)) {
    if (field in record && !hasType(record[field], type)) problems.push(`${field} is ${JSON.stringify(record[field])}, not ${type === 'permissions' ? 'an object of strings' : `a ${type}`}`);
  }
  if ('password' in record) problems.push('it has a "password" field (Dashboard 5.8 has none; its Go SDK rejects the answer)');
  return problems;
}

function userProblems(user: unknown, profile: string): string[] {
  return isDashboard58(profile) ? dashboard58UserProblems(user) : [...new Set(componentSchemaProblems('tyk', 'User', user))];
}

const USER_AS_SHOWN: Record<string, string> = {
  document: 'a user as the document shows it: api_model {}, first_name, last_name, email_address, org_id, id, access_key strings, active boolean, user_permissions an object',
  [DASHBOARD_58]: 'a Dashboard 5.8 user: id, org_id, first_name, last_name, email_address, access_key strings, active boolean, api_model an object, user_permissions an object of strings, and no "password"',
};

/** A user object with the profile's fields and types. */
export function expectUserShape(user: unknown, what: string, exchange: Exchange, profile: string, blame: Blame = {}): TykUser {
  const problems = userProblems(user, profile);
  if (problems.length > 0) failOn(exchange, `${what}: the user does not have the documented fields and types: ${problems.join('; ')}`, USER_AS_SHOWN[profile] ?? USER_AS_SHOWN['document'], 'schema', blame);
  return user as TykUser;
}

function expectJsonObject(exchange: Exchange, what: string, blame: Blame): Record<string, unknown> {
  const body = expectJson(exchange, what);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) failOn(exchange, `${what}: the body is not a JSON object`, 'a JSON object', 'not-json', blame);
  return body as Record<string, unknown>;
}

export interface UserList {
  users: TykUser[];
  pages: number;
}

/** HTTP 200 and `{users: [user...], pages: integer}` (5.8: `users` may be null), every user of the profile's shape. */
export function expectUserList(exchange: Exchange, what: string, profile: string, blame: Blame = {}): UserList {
  expectNoServerError(exchange, what, blame);
  const shown = `HTTP 200 {"users": [...]${isDashboard58(profile) ? ' (or null)' : ''}, "pages": <integer>}`;
  if (exchange.response.status !== 200) failOn(exchange, `${what}: HTTP ${exchange.response.status}, the ${isDashboard58(profile) ? 'facts show' : 'document shows'} 200`, shown, 'status', blame);
  const body = expectJsonObject(exchange, what, blame);
  const users = isDashboard58(profile) && body['users'] === null ? [] : body['users'];
  if (!Array.isArray(users) || !Number.isInteger(body['pages'])) failOn(exchange, `${what}: the list does not have the documented shape ("users" ${Array.isArray(users) ? 'is a list' : 'is not a list'}, "pages" ${JSON.stringify(body['pages'])})`, shown, 'schema', blame);
  users.forEach((user) => expectUserShape(user, `${what}: a listed user`, exchange, profile, blame));
  return { users: users as TykUser[], pages: body['pages'] as number };
}

/** HTTP 200 and the user object itself (Get User, Current User, the admin Get User). */
export function expectUserAnswer(exchange: Exchange, what: string, profile: string, blame: Blame = {}): TykUser {
  expectNoServerError(exchange, what, blame);
  if (exchange.response.status !== 200) failOn(exchange, `${what}: HTTP ${exchange.response.status}, expected 200 and the user`, 'HTTP 200 {...user}', 'status', blame);
  return expectUserShape(expectJsonObject(exchange, what, blame), what, exchange, profile, blame);
}

// --- envelopes -------------------------------------------------------------------------------------

export interface Envelope {
  Status: unknown;
  Message: unknown;
  Meta: unknown;
}

export function shown(shape: AnswerShape): string {
  const meta = { user: '{...user object}', 'new-id': '"<the new user\'s id>"', unstated: '...' }[String(shape.meta)] ?? JSON.stringify(shape.meta);
  return `HTTP 200 {"Status": "OK", "Message": "${shape.message}", "Meta": ${meta}}`;
}

/**
 * The answer is the documented one: HTTP 200, the envelope's three keys, `Status` "OK" and the message
 * literally, and where `Meta` is the user (the admin endpoints), a user. `Meta`'s literals ("" / null /
 * the new id) are judged by their own checks; extra keys are free.
 */
export function expectAnswer(exchange: Exchange, shape: AnswerShape, what: string, blame: Blame = {}): Envelope {
  expectNoServerError(exchange, what, blame);
  const expected = shown(shape);
  if (exchange.response.status !== 200) failOn(exchange, `${what}: HTTP ${exchange.response.status}, expected 200`, expected, 'status', blame);
  const body = expectJsonObject(exchange, what, blame);
  const missing = ['Status', 'Message', 'Meta'].filter((key) => !(key in body));
  if (missing.length > 0) failOn(exchange, `${what}: the envelope lacks ${missing.join(', ')}`, expected, 'schema', blame);
  if (body['Status'] !== 'OK') failOn(exchange, `${what}: "Status" is ${JSON.stringify(body['Status'])}, not "OK"`, expected, 'literal', blame);
  if (body['Message'] !== shape.message) failOn(exchange, `${what}: "Message" is ${JSON.stringify(body['Message'])}, not "${shape.message}"`, expected, 'literal', blame);
  if (shape.meta === 'user') expectUserShape(body['Meta'], `${what}: "Meta"`, exchange, shape.profile, blame);
  return body as unknown as Envelope;
}

/** Where `Meta` is not what the profile shows, what it is instead. */
export function metaProblem(exchange: Exchange, shape: AnswerShape): string | undefined {
  if (shape.meta === 'user' || shape.meta === 'unstated') return undefined;
  const body = exchange.response.json as Partial<Envelope> | undefined;
  if (typeof body !== 'object' || body === null || !('Meta' in body)) return 'no "Meta"';
  if (shape.meta === 'new-id') return typeof body.Meta === 'string' && body.Meta !== '' ? undefined : `"Meta" is ${JSON.stringify(body.Meta)}, not the new user's id`;
  return body.Meta === shape.meta ? undefined : `"Meta" is ${JSON.stringify(body.Meta)}, not ${JSON.stringify(shape.meta)}`;
}

/** An error answer in the Tyk envelope: `{"Status": "Error", "Message": "...", "Meta": null}`. */
export function errorEnvelopeProblem(exchange: Exchange): string | undefined {
  const body = exchange.response.json as Partial<Envelope> | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not the {Status, Message, Meta} envelope';
  if (body.Status !== 'Error') return `"Status" is ${JSON.stringify(body.Status)}, not "Error"`;
  if (typeof body.Message !== 'string') return '"Message" is not a string';
  if (body.Meta !== null) return `"Meta" is ${JSON.stringify(body.Meta)}, not null`;
  return undefined;
}

export function messageOf(exchange: Exchange): unknown {
  return (exchange.response.json as Partial<Envelope> | undefined)?.Message;
}

/** The documented error message, alone or followed by what was wrong ("User object validation failed: ..."). */
export function sameMessage(actual: unknown, documented: string): boolean {
  if (typeof actual !== 'string') return false;
  if (actual === documented) return true;
  const stem = documented.replace(/\.$/, '');
  return actual.startsWith(stem) && /^[:;,-] \S/.test(actual.slice(stem.length));
}

/** A documented error: this status, the error envelope, and this message (alone or with details). */
export function errorProblem(exchange: Exchange, status: number, message: string | undefined): string | undefined {
  if (exchange.response.status !== status) return `HTTP ${exchange.response.status}, not ${status}`;
  const envelope = errorEnvelopeProblem(exchange);
  if (envelope) return envelope;
  if (message !== undefined && !sameMessage(messageOf(exchange), message)) return `"Message" is ${JSON.stringify(messageOf(exchange))}, not "${message}"`;
  return undefined;
}

export function errorShown(status: number, message: string | undefined): string {
  return `HTTP ${status} {"Status": "Error", "Message": ${message === undefined ? '"..."' : JSON.stringify(message)}, "Meta": null}`;
}
