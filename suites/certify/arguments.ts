// What `userapi certify` and `userapi cleanup` both read from the command line: the API, the target
// and the credentials (each also from a USERAPI_* environment variable, to keep secrets out of
// process lists and CI logs).
import { API_IDS, isApiId, type ApiId } from '../../specs/apis.ts';
import type { ApiCertification } from '../harness/api.ts';
import type { Credentials } from '../harness/config.ts';

export class UsageError extends Error {}

export const CREDENTIAL_OPTIONS = {
  token: { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  'admin-secret': { type: 'string' },
  'limited-token': { type: 'string' },
} as const;

export const CREDENTIAL_HELP = `credentials (each also read from the environment variable shown):
  --token T            vaa: x-lxt-api-token; checkmarx: bearer access token; tyk: access key of a user
                       allowed to manage users                                  (USERAPI_TOKEN)
  --username U --password P
                       vaa login / checkmarx OAuth2 password grant; the token is re-obtained when it
                       expires or is refused                          (USERAPI_USERNAME, USERAPI_PASSWORD)
  --admin-secret S     tyk: the admin-auth secret                               (USERAPI_ADMIN_SECRET)
  --limited-token T    a valid credential WITHOUT user-management rights: enables the 403 checks
                       (tyk: without it, certify creates a 'users: read' user)   (USERAPI_LIMITED_TOKEN)`;

export function apiOf(value: string | undefined): ApiId {
  if (value === undefined) throw new UsageError(`--api is required: one of ${API_IDS.join(', ')}`);
  if (!isApiId(value)) throw new UsageError(`unknown --api '${value}': one of ${API_IDS.join(', ')}`);
  return value;
}

export function targetOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--target must be a URL such as https://dashboard.example.com, not '${value}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--target must be an http or https URL, not '${value}'`);
  return value;
}

export function credentialsOf(values: Partial<Record<keyof typeof CREDENTIAL_OPTIONS, string>>, environment: NodeJS.ProcessEnv, certification: ApiCertification): Credentials {
  const pick = (flag: string | undefined, variable: string): string | undefined => {
    const value = flag ?? environment[variable];
    return value === undefined || value === '' ? undefined : value;
  };
  const credentials: Credentials = {};
  const token = pick(values.token, 'USERAPI_TOKEN');
  const username = pick(values.username, 'USERAPI_USERNAME');
  const password = pick(values.password, 'USERAPI_PASSWORD');
  const adminSecret = pick(values['admin-secret'], 'USERAPI_ADMIN_SECRET');
  const limitedToken = pick(values['limited-token'], 'USERAPI_LIMITED_TOKEN');
  if (token) credentials.token = token;
  if (username) credentials.username = username;
  if (password) credentials.password = password;
  if (adminSecret) credentials.adminSecret = adminSecret;
  if (limitedToken) credentials.limitedToken = limitedToken;
  const api = certification.api;
  if ((username === undefined) !== (password === undefined)) throw new UsageError('--username and --password go together');
  if (!certification.takes.login && username !== undefined) throw new UsageError(`${api} has no login endpoint: pass the access key with --token`);
  if (!certification.takes.adminSecret && adminSecret !== undefined) throw new UsageError(`--admin-secret is not for ${api}: it has no admin secret`);
  return credentials;
}

export function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isInteger(parsed) || parsed < min || parsed > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, not '${value}'`);
  return parsed;
}
