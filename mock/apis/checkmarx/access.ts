// Who is calling and whether they may: at the token endpoint the OAuth client (token-endpoint.ts),
// elsewhere the bearer token's user or service account; writes need the 'Manage Users' permission, which
// a user has through its roles.
import type { MockReply, MockRequest } from '../../module.ts';
import { findToken } from '../../tokens.ts';
import { unauthorized } from './replies.ts';
import { MANAGE_USERS, type CheckmarxState, type Principal, type TokenSubject } from './state.ts';
import { checkTokenRequest } from './token-endpoint.ts';

const WRITE_OPERATIONS = new Set(['createUser', 'updateUser', 'deleteUser', 'migrateUser']);

function permissionsOf(state: CheckmarxState, roleIds: readonly number[]): string[] {
  return [...new Set(roleIds.flatMap((roleId) => state.roles.get(String(roleId))?.permissions ?? []))];
}

/** Who a token speaks for now: a deleted or deactivated user's tokens no longer speak for anyone. */
function principalOf(state: CheckmarxState, subject: TokenSubject): Principal | undefined {
  if (subject.kind === 'service-account') {
    const account = state.serviceAccounts.get(subject.username.toLowerCase());
    return account && { name: account.username, permissions: [MANAGE_USERS] };
  }
  const user = state.users.get(String(subject.userId));
  if (!user || !user.active) return undefined;
  return { name: user.userName, permissions: permissionsOf(state, user.roleIds) };
}

/** The bearer token of an `Authorization` header; the scheme is case-insensitive (RFC 7235). */
function bearerToken(header: string | undefined): string | undefined {
  return /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '')?.[1];
}

export function authenticate(request: MockRequest, state: CheckmarxState): { principal: Principal } | { refusal: MockReply } {
  if (request.operationId === 'requestToken') return checkTokenRequest(request);
  const token = bearerToken(request.headers['authorization']);
  if (token === undefined) return { refusal: unauthorized() };
  const subject = findToken(state.tokens, token);
  const principal = subject && principalOf(state, subject);
  if (!principal) return { refusal: unauthorized('invalid_token') };
  if (WRITE_OPERATIONS.has(request.operationId) && !principal.permissions.includes(MANAGE_USERS)) return { refusal: { status: 403 } };
  return { principal };
}
