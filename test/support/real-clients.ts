// What each recorded real client (fixtures/real-clients/) accepts in an answer, as the recordings' README
// and the facts describe it, written as checks: each returns the problems it finds, [] when the client
// would take the answer.
import type { RealClientRecording } from '../../fixtures/index.ts';
import type { CheckedResponse } from './mock.ts';

/** The fields of a user in the Tyk Dashboard 5.8 OpenAPI, the model the Tyk Go SDK decodes into. */
const GO_SDK_USER_FIELDS: Record<string, 'string' | 'boolean' | 'object' | 'integer' | 'time' | 'permissions'> = {
  access_key: 'string',
  active: 'boolean',
  api_model: 'object',
  created_at: 'time',
  email_address: 'string',
  first_name: 'string',
  group_id: 'string',
  id: 'string',
  last_login_date: 'time',
  last_name: 'string',
  org_id: 'string',
  password_max_days: 'integer',
  password_updated: 'time',
  user_permissions: 'permissions',
};
/** The fields the Go SDK's User requires (non-pointer fields of the generated model). */
const GO_SDK_REQUIRED = ['email_address', 'first_name', 'last_name', 'user_permissions'];
/** RFC 3339, as Go's time.Time decodes it. */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A user as the Tyk Go SDK decodes it: unknown fields disallowed (a `password` fails it), the required
 * fields present, every field of its Go type (times RFC 3339, `password_max_days` an int32).
 */
export function goSdkUserProblems(user: unknown, where: string): string[] {
  if (!isObject(user)) return [`${where}: not an object`];
  const problems: string[] = [];
  for (const [field, value] of Object.entries(user)) {
    const type = GO_SDK_USER_FIELDS[field];
    if (type === undefined) problems.push(`${where}.${field}: unknown field (json: unknown field "${field}")`);
    else if (value === null) continue;
    else if (type === 'time' ? typeof value !== 'string' || !RFC_3339.test(value) : type === 'integer' ? !Number.isInteger(value) || Math.abs(value as number) > 2 ** 31 : type === 'permissions' ? !isObject(value) || !Object.values(value).every((level) => typeof level === 'string') : type === 'object' ? !isObject(value) : typeof value !== type) {
      problems.push(`${where}.${field}: ${JSON.stringify(value)} does not decode as ${type}`);
    }
  }
  for (const field of GO_SDK_REQUIRED) if (!(field in user)) problems.push(`${where}.${field}: required, missing`);
  return problems;
}

/** The Go SDK's envelope models have exactly `Status`, `Message` and `Meta`. */
function goSdkEnvelopeProblems(body: unknown, where: string): string[] {
  if (!isObject(body)) return [`${where}: not an object`];
  return Object.keys(body).filter((key) => !['Status', 'Message', 'Meta'].includes(key)).map((key) => `${where}.${key}: unknown field`);
}

/** Every user in a Tyk answer the Go SDK reads (a list's users, a user, an admin answer's Meta), checked strictly. */
export function goSdkAnswerProblems(response: CheckedResponse, where: string): string[] {
  const body = response.body;
  if (response.status >= 300) return [`${where}: HTTP ${response.status}, which the SDK returns as an error`];
  if (isObject(body) && Array.isArray(body['users'])) return body['users'].flatMap((user, index) => goSdkUserProblems(user, `${where} users[${index}]`));
  if (isObject(body) && 'Status' in body) return [...goSdkEnvelopeProblems(body, where), ...(isObject(body['Meta']) ? goSdkUserProblems(body['Meta'], `${where} Meta`) : [])];
  return goSdkUserProblems(body, where);
}

/** The fields tyk-scripts prints of every user (printUserSummary). */
const TYK_SCRIPTS_USER_FIELDS = ['id', 'active', 'org_id', 'first_name', 'last_name', 'email_address', 'user_permissions', 'access_key'];

export function tykScriptsUserProblems(user: unknown, where: string): string[] {
  if (!isObject(user)) return [`${where}: not an object`];
  return TYK_SCRIPTS_USER_FIELDS.filter((field) => !(field in user)).map((field) => `${where}.${field}: missing (tyk-scripts prints it)`);
}

/** The status the Checkmarx SDK treats as success for each request (it checks nothing else). */
export function checkmarxSuccessStatus(method: string, path: string): number {
  if (path.toLowerCase().endsWith('/connect/token')) return 200;
  return { GET: 200, POST: 201, PUT: 204, DELETE: 204 }[method] ?? 0;
}

/** Headers the replaying HTTP client sets itself (or must not repeat). */
const TRANSPORT_HEADERS = new Set(['host', 'content-length', 'connection', 'accept-encoding']);

export function replayHeaders(request: RealClientRecording['requests'][number], substitute: (text: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(request.headers).filter(([name]) => !TRANSPORT_HEADERS.has(name.toLowerCase())).map(([name, value]) => [name, substitute(value)]));
}
