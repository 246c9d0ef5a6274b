// How the Checkmarx mock answers: `{messageCode, messageDetails}` refusals in the API's media type, 401s
// with only a `WWW-Authenticate` challenge, the token endpoint's OAuth 2.0 errors (RFC 6749 5.2), and a
// user without what the API never returns.
import type { TokenError, User } from '../../../specs/types/checkmarx.ts';
import type { MockReply } from '../../module.ts';
import type { StoredUser } from './state.ts';

export const MEDIA_TYPE = 'application/json;v=1.0';

export function errorBody(status: number, message: string): MockReply {
  return { status, headers: { 'content-type': MEDIA_TYPE }, body: { messageCode: status, messageDetails: message } };
}

export function unauthorized(error?: 'invalid_token'): MockReply {
  return { status: 401, headers: { 'www-authenticate': error ? `Bearer error="${error}"` : 'Bearer' } };
}

export function tokenError(error: string, description?: string): MockReply {
  const body: TokenError = description === undefined ? { error } : { error, error_description: description };
  return { status: 400, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body };
}

export const invalidCredentials = (): MockReply => tokenError('invalid_grant', 'invalid_username_or_password');

export function toApiUser(user: StoredUser): User {
  const { passwordHash: _passwordHash, creationDate: _creationDate, ...apiUser } = user;
  return apiUser;
}

export function userLocation(origin: string, id: number): string {
  return `${origin}/cxrestapi/auth/Users/${id}`;
}
