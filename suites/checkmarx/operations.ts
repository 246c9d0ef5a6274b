// The Checkmarx users API as certify addresses it: its paths, the document's media type, the client
// real tools log in with (facts.md), the spec's operationIds (the root-cause key of every failure), and
// how a create's Location names the new user.

export const USERS_PATH = '/cxrestapi/auth/Users';
export const MIGRATION_PATH = '/cxrestapi/auth/Users/migration';
export const TOKEN_PATH = '/cxrestapi/auth/identity/connect/token';
export const TEAMS_PATH = '/cxrestapi/auth/Teams';
export const PROVIDERS_PATH = '/cxrestapi/auth/AuthenticationProviders';
/** The document's `Accept` / `Content-Type`. */
export const MEDIA_TYPE = 'application/json;v=1.0';
/** facts.md: the client real tools use, with the secret every CxSAST installation ships with. */
export const CLIENT_ID = 'resource_owner_client';
export const CLIENT_SECRET = '014DF517-39D1-4453-B7B3-9930C563627C';
export const SCOPE = 'sast_rest_api access_control_api';

export const userPath = (id: number | string): string => `${USERS_PATH}/${id}`;

/** The spec's operationIds: the root-cause key of every failure. */
export type Operation = 'listUsers' | 'getUser' | 'createUser' | 'updateUser' | 'deleteUser' | 'migrateUser' | 'requestToken';
export type UserOperation = Exclude<Operation, 'requestToken'>;
export const WRITE_OPERATIONS: readonly UserOperation[] = ['createUser', 'updateUser', 'deleteUser', 'migrateUser'];

/** The user id a Location names (resolved against the request URL), or undefined. */
export function idOfLocation(location: string, requestUrl: string): number | undefined {
  let url: URL;
  try {
    url = new URL(location.trim(), requestUrl);
  } catch {
    return undefined;
  }
  const match = /\/cxrestapi\/auth\/users\/(\d+)\/?$/i.exec(url.pathname);
  if (!match) return undefined;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? id : undefined;
}
