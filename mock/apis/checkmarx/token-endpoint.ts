// POST /cxrestapi/auth/identity/connect/token: the OAuth 2.0 password grant for the clients facts.md
// names. The mock's tokens look like IdentityServer's JWTs but are only ever looked up (mock/tokens.ts).
import { randomBytes } from 'node:crypto';
import type { TokenRequest, TokenResponse } from '../../../specs/types/checkmarx.ts';
import type { Handler, MockReply, MockRequest } from '../../module.ts';
import { verifyPassword } from '../../passwords.ts';
import { keepToken } from '../../tokens.ts';
import { invalidCredentials, tokenError } from './replies.ts';
import type { CheckmarxState, Principal, TokenSubject } from './state.ts';

const TOKEN_LIFETIME_SECONDS = 86_400;
/** The clients facts.md names, and the secret every CxSAST installation ships with. */
export const KNOWN_CLIENTS = ['resource_owner_client', 'resource_owner_sast_client'];
export const CLIENT_SECRET = '014DF517-39D1-4453-B7B3-9930C563627C';

/** The client of a token request: the form's client_id/client_secret, else HTTP Basic credentials. */
function tokenClient(form: Record<string, unknown>, authorization: string | undefined): { id: string; secret: string } | undefined {
  if (typeof form['client_id'] === 'string') {
    return { id: form['client_id'], secret: typeof form['client_secret'] === 'string' ? form['client_secret'] : '' };
  }
  const basic = /^basic[ \t]+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (basic === undefined) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  // RFC 6749 2.3.1: both parts are form-encoded before they are joined.
  const formDecode = (part: string): string => {
    try {
      return decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return part;
    }
  };
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

/**
 * The token endpoint's own checks, before Prism's validation: its refusals are OAuth 2.0 errors
 * (RFC 6749 5.2), which the API's `{messageCode, messageDetails}` shape would not be. Client first, as
 * authorization servers do; the credentials themselves are the handler's business.
 */
export function checkTokenRequest(request: MockRequest): { principal: Principal } | { refusal: MockReply } {
  const form = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
  const client = tokenClient(form, request.headers['authorization']);
  if (!client || !KNOWN_CLIENTS.includes(client.id) || client.secret !== CLIENT_SECRET) return { refusal: tokenError('invalid_client') };
  if (form['grant_type'] !== 'password') return { refusal: tokenError('unsupported_grant_type') };
  if (typeof form['username'] !== 'string' || typeof form['password'] !== 'string') return { refusal: invalidCredentials() };
  return { principal: { name: client.id, permissions: [] } };
}

/** Who the credentials belong to: an active user with that name and password, else the service account. */
async function findLogin(state: CheckmarxState, username: string, password: string): Promise<TokenSubject | undefined> {
  for (const id of state.usersByLoginName.get(username.toLowerCase())) {
    const user = state.users.get(id);
    if (!user || !user.active || user.passwordHash === null) continue;
    if (await verifyPassword(password, user.passwordHash)) return { kind: 'user', userId: user.id };
  }
  const account = state.serviceAccounts.get(username.toLowerCase());
  if (account && (await verifyPassword(password, account.passwordHash))) return { kind: 'service-account', username: account.username };
  return undefined;
}

/** A token shaped like IdentityServer's (a JWT); the mock only ever looks it up, never verifies it. */
function issueJwtLikeToken(subject: string, expiresAt: number): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = encode({ alg: 'RS256', typ: 'JWT' });
  const payload = encode({ sub: subject, iat: now, exp: Math.floor(expiresAt / 1000), scope: ['sast_rest_api', 'access_control_api'], jti: randomBytes(8).toString('hex') });
  return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
}

export const requestToken: Handler<CheckmarxState, Principal> = async (request, { state, settings }) => {
  const form = request.body as TokenRequest;
  const subject = await findLogin(state, form.username, form.password);
  if (!subject) return invalidCredentials();
  const expiresAt = Date.now() + TOKEN_LIFETIME_SECONDS * 1000;
  const accessToken = issueJwtLikeToken(subject.kind === 'user' ? String(subject.userId) : subject.username, expiresAt);
  keepToken(state.tokens, accessToken, { subject, expiresAt }, settings.maxLiveTokens);
  const body: TokenResponse = { access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS };
  return { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body };
};
