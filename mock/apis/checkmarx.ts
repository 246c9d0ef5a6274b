// Checkmarx CxSAST Access Control (seed 002): /cxrestapi/auth/Users, with OAuth 2.0 bearer tokens from
// /cxrestapi/auth/identity/connect/token. Behaviour as specs/checkmarx.openapi.yaml reads the document,
// facts.md and the real clients: paths match case-insensitively, 401/403 have no body, other refusals
// are `{messageCode, messageDetails}`, writes need the 'Manage Users' permission (from the user's roles).
import { randomBytes } from 'node:crypto';
import type {
  AuthenticationProvider,
  CreateUserModel,
  MigrationUserModel,
  Team,
  TokenError,
  TokenRequest,
  TokenResponse,
  UpdateUserModel,
  User,
} from '../../specs/types/checkmarx.ts';
import type { ApiModule, HandlerContext, MockReply, MockRequest, MockSettings } from '../module.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import type { Collection, CollectionIndex, Store } from '../store.ts';
import { findToken, keepToken, type IssuedToken } from '../tokens.ts';

const MEDIA_TYPE = 'application/json;v=1.0';
const TOKEN_LIFETIME_SECONDS = 86_400;
/** The clients facts.md names, and the secret every CxSAST installation ships with. */
const KNOWN_CLIENTS = ['resource_owner_client', 'resource_owner_sast_client'];
const CLIENT_SECRET = '014DF517-39D1-4453-B7B3-9930C563627C';
/** The built-in 'Application' provider: users created without a provider belong to it. */
const APPLICATION_PROVIDER_ID = 1;
const DEFAULT_LOCALE_ID = 1;
const MANAGE_USERS = 'manage-users';
const WRITE_OPERATIONS = new Set(['createUser', 'updateUser', 'deleteUser', 'migrateUser']);

/** The spec's path templates, for matching the case-insensitive paths real clients send. */
const SPEC_PATHS = [
  '/cxrestapi/auth/identity/connect/token',
  '/cxrestapi/auth/AuthenticationProviders',
  '/cxrestapi/auth/Teams',
  '/cxrestapi/auth/Users',
  '/cxrestapi/auth/Users/migration',
  '/cxrestapi/auth/Users/{id}',
];

/** A user as stored: the API's user plus what it never returns. */
type StoredUser = User & {
  passwordHash: string | null;
  /** Only migrated users have one (as the client sent it). */
  creationDate: number | string | null;
};

/** Roles are not served (no source documents the Roles API's shape); they only carry permissions. */
interface Role {
  id: number;
  name: string;
  permissions: string[];
}

/**
 * The configured administrator of a mock seeded 'empty': it logs in like a user but is not one, so the
 * user list really starts empty and the mock is still usable.
 */
interface ServiceAccount {
  username: string;
  passwordHash: string;
}

type TokenSubject = { kind: 'user'; userId: number } | { kind: 'service-account'; username: string };

interface CheckmarxState {
  /** Keyed by the id as a string. */
  users: Collection<StoredUser>;
  /** The users' ids by authentication provider and lower-cased user name (see userNameKey). */
  usersByName: CollectionIndex;
  /** The users' ids by lower-cased user name alone: who a login may be, whatever the provider. */
  usersByLoginName: CollectionIndex;
  /** Keyed by the lower-cased user name. */
  serviceAccounts: Collection<ServiceAccount>;
  /** Keyed by the token's SHA-256, so a state file never holds a usable token (see tokens.ts). */
  tokens: Collection<IssuedToken<TokenSubject>>;
  roles: Collection<Role>;
  teams: Collection<Team>;
  authenticationProviders: Collection<AuthenticationProvider>;
  /** 'nextUserId': ids only grow, so a deleted user's id is never given again. */
  counters: Collection<number>;
}

interface Principal {
  name: string;
  permissions: string[];
}

const SEED_ROLES: Role[] = [
  { id: 1, name: 'Admin', permissions: [MANAGE_USERS] },
  { id: 2, name: 'Reviewer', permissions: [] },
];

// The teams the document's users belong to, as the classic CxSAST hierarchy names them.
const SEED_TEAMS: Team[] = [
  { id: 1, name: 'CxServer', fullName: '/CxServer', parentId: 0 },
  { id: 11, name: 'SP', fullName: '/CxServer/SP', parentId: 1 },
  { id: 12, name: 'Company', fullName: '/CxServer/SP/Company', parentId: 11 },
  { id: 18, name: 'Users', fullName: '/CxServer/SP/Company/Users', parentId: 12 },
];

// Provider 1 is the built-in one; the document's Marci belongs to provider 3.
const SEED_AUTHENTICATION_PROVIDERS: AuthenticationProvider[] = [
  { id: APPLICATION_PROVIDER_ID, name: 'Application', providerId: 1, providerType: 'Application', isExternal: false, active: true },
  { id: 3, name: 'corp.example.com', providerId: 1, providerType: 'LDAP', isExternal: true, active: true },
];

/** The document's two sample users; the obfuscated e-mail addresses become plausible ones. */
function documentUsers(settings: MockSettings): Array<Omit<StoredUser, 'passwordHash'> & { password: string }> {
  return [
    {
      id: 1,
      userName: settings.checkmarx.username,
      lastLoginDate: '2018-07-17T13:48:06.6800933Z',
      roleIds: [1],
      teamIds: [1, 11, 12],
      authenticationProviderId: 1,
      firstName: 'Inbal',
      lastName: 'Mon',
      email: 'inbal.mon@example.com',
      phoneNumber: '',
      cellPhoneNumber: '',
      jobTitle: 'Admin',
      other: '',
      country: 'Algeria',
      active: true,
      expirationDate: '2021-03-04T07:55:58.0201439Z',
      allowedIpList: [],
      localeId: 1,
      creationDate: null,
      password: settings.checkmarx.password,
    },
    {
      id: 10,
      userName: settings.checkmarx.limitedUsername,
      lastLoginDate: '2018-06-14T07:39:15.503093Z',
      roleIds: [2],
      teamIds: [1, 11, 12, 18],
      authenticationProviderId: 3,
      firstName: 'Marci',
      lastName: 'Mar',
      email: 'marci.mar@example.com',
      phoneNumber: '',
      cellPhoneNumber: '',
      jobTitle: '',
      other: '',
      country: '',
      active: true,
      expirationDate: null,
      allowedIpList: [],
      localeId: 1,
      creationDate: null,
      password: settings.checkmarx.limitedPassword,
    },
  ];
}

function errorBody(status: number, message: string): MockReply {
  return { status, headers: { 'content-type': MEDIA_TYPE }, body: { messageCode: status, messageDetails: message } };
}

function unauthorized(error?: 'invalid_token'): MockReply {
  return { status: 401, headers: { 'www-authenticate': error ? `Bearer error="${error}"` : 'Bearer' } };
}

function tokenError(error: string, description?: string): MockReply {
  const body: TokenError = description === undefined ? { error } : { error, error_description: description };
  return { status: 400, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body };
}

const invalidCredentials = (): MockReply => tokenError('invalid_grant', 'invalid_username_or_password');

function toApiUser(user: StoredUser): User {
  const { passwordHash: _passwordHash, creationDate: _creationDate, ...apiUser } = user;
  return apiUser;
}

function userLocation(origin: string, id: number): string {
  return `${origin}/cxrestapi/auth/Users/${id}`;
}

/** The user a path's `{id}` names, or a 404; Prism has already refused ids that are not integers. */
function findUser(state: CheckmarxState, request: MockRequest): { user: StoredUser } | { reply: MockReply } {
  const id = Number(request.pathParameters['id']);
  const user = Number.isSafeInteger(id) ? state.users.get(String(id)) : undefined;
  return user ? { user } : { reply: errorBody(404, `User not found: no user has id ${request.pathParameters['id']}.`) };
}

/** A user name is unique per authentication provider, whatever its case. */
function userNameKey(authenticationProviderId: unknown, userName: unknown): string {
  return JSON.stringify([authenticationProviderId, typeof userName === 'string' ? userName.toLowerCase() : userName]);
}

const DATE_OR_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An expiration date as the samples show it (an RFC 3339 date-time), from what clients send: a date-time,
 * a date (`2030-01-01`) or `2099-07-30 12:00:00`; without an offset the time is UTC. Undefined when the
 * text is not a date.
 */
function toDateTime(text: string): string | undefined {
  const match = DATE_OR_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hours = '00', minutes = '00', seconds = '00', fraction = '', offset = 'Z'] = match as unknown as string[];
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  const valid = Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= daysInMonth && Number(hours) < 24 && Number(minutes) < 60 && Number(seconds) < 60;
  if (!valid) return undefined;
  const zone = offset.toUpperCase() === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
  return `${year}-${month}-${day}T${hours}:${minutes}:${seconds}${fraction}${zone}`;
}

/** `expirationDate` as stored, or the 400 that names it. */
function readExpirationDate(value: string | null): { value: string | null } | { reply: MockReply } {
  if (value === null || value.trim() === '') return { value: null };
  const dateTime = toDateTime(value);
  if (dateTime === undefined) return { reply: errorBody(400, `expirationDate: '${value}' is not a date (use 2030-01-01 or 2030-01-01T00:00:00Z).`) };
  return { value: dateTime };
}

/** The product's password policy (facts.md). */
function passwordProblem(password: string): string | undefined {
  if (password.length >= 8 && /[A-Z]/.test(password) && /[a-z]/.test(password) && /[^A-Za-z0-9]/.test(password)) return undefined;
  return 'password: must have at least 8 characters, with an upper-case letter, a lower-case letter and a special character.';
}

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
function checkTokenRequest(request: MockRequest): { principal: Principal } | { refusal: MockReply } {
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

function takeUserId(state: CheckmarxState): number {
  const id = state.counters.get('nextUserId') ?? 1;
  state.counters.set('nextUserId', id + 1);
  return id;
}

/** POST /Users and POST /Users/migration: the same user, the same defaults, the same checks. */
async function addUser(body: CreateUserModel | MigrationUserModel, creationDate: StoredUser['creationDate'], { state, origin }: HandlerContext<CheckmarxState, Principal>): Promise<MockReply> {
  const authenticationProviderId = body.authenticationProviderId ?? APPLICATION_PROVIDER_ID;
  const [duplicateId] = state.usersByName.get(userNameKey(authenticationProviderId, body.username));
  const duplicate = duplicateId === undefined ? undefined : state.users.get(duplicateId);
  if (duplicate) {
    return errorBody(400, `username: a user named '${duplicate.userName}' already exists for authentication provider ${authenticationProviderId}.`);
  }
  const password = body.password ?? null;
  const weakPassword = password === null ? undefined : passwordProblem(password);
  if (weakPassword) return errorBody(400, weakPassword);
  const expirationDate = readExpirationDate(body.expirationDate ?? null);
  if ('reply' in expirationDate) return expirationDate.reply;

  const user: StoredUser = {
    id: takeUserId(state),
    userName: body.username,
    lastLoginDate: null,
    roleIds: body.roleIds ?? [],
    teamIds: body.teamIds ?? [],
    authenticationProviderId,
    firstName: body.firstName,
    lastName: body.lastName,
    email: body.email,
    phoneNumber: body.phoneNumber ?? null,
    cellPhoneNumber: body.cellPhoneNumber ?? null,
    jobTitle: body.jobTitle ?? null,
    other: body.other ?? null,
    country: body.country ?? null,
    // Real clients send "true"/"false"; the API answers a boolean.
    active: body.active === undefined ? true : String(body.active) === 'true',
    expirationDate: expirationDate.value,
    allowedIpList: body.allowedIpList ?? [],
    localeId: body.localeId ?? DEFAULT_LOCALE_ID,
    passwordHash: password === null ? null : await hashPassword(password),
    creationDate,
  };
  state.users.set(String(user.id), user);
  return { status: 201, headers: { location: userLocation(origin, user.id) } };
}

export const checkmarx: ApiModule<CheckmarxState, Principal> = {
  id: 'checkmarx',
  rootPaths: ['/cxrestapi/auth/Users', '/cxrestapi/auth/identity/connect/token', '/cxrestapi/auth/Teams', '/cxrestapi/auth/AuthenticationProviders'],
  responseMediaType: MEDIA_TYPE,

  ownsPath: (path) => {
    const lower = path.toLowerCase();
    return lower === '/cxrestapi' || lower.startsWith('/cxrestapi/');
  },

  // The most specific template wins: /Users/migration rather than /Users/{id}.
  toSpecPath(path) {
    const segments = path.split('/');
    let best: { path: string; staticSegments: number } | undefined;
    for (const template of SPEC_PATHS) {
      const parts = template.split('/');
      if (parts.length !== segments.length) continue;
      let staticSegments = 0;
      const matches = parts.every((part, index) => {
        const segment = segments[index] as string;
        if (part.startsWith('{')) return segment !== '';
        staticSegments += 1;
        return part.toLowerCase() === segment.toLowerCase();
      });
      if (matches && (!best || staticSegments > best.staticSegments)) {
        best = { path: parts.map((part, index) => (part.startsWith('{') ? (segments[index] as string) : part)).join('/'), staticSegments };
      }
    }
    return best?.path ?? path;
  },

  // facts.md: 401 and 403 come without a body.
  errorReply: ({ status, message }) => (status === 401 || status === 403 ? { status } : errorBody(status, message)),

  createState: (store: Store) => ({
    users: store.collection<StoredUser>('users'),
    usersByName: store.collection<StoredUser>('users').index('byName', (user) => userNameKey(user.authenticationProviderId, user.userName)),
    usersByLoginName: store.collection<StoredUser>('users').index('byLoginName', (user) => String(user.userName).toLowerCase()),
    serviceAccounts: store.collection<ServiceAccount>('serviceAccounts'),
    tokens: store.collection<IssuedToken<TokenSubject>>('tokens'),
    roles: store.collection<Role>('roles'),
    teams: store.collection<Team>('teams'),
    authenticationProviders: store.collection<AuthenticationProvider>('authenticationProviders'),
    counters: store.collection<number>('counters'),
  }),

  async seed(state, seed, settings) {
    // Roles, teams and providers are the installation's, not users: both seeds have them.
    for (const role of SEED_ROLES) state.roles.set(String(role.id), role);
    for (const team of SEED_TEAMS) state.teams.set(String(team.id), team);
    for (const provider of SEED_AUTHENTICATION_PROVIDERS) state.authenticationProviders.set(String(provider.id), provider);
    if (seed === 'empty') {
      const { username, password } = settings.checkmarx;
      state.serviceAccounts.set(username.toLowerCase(), { username, passwordHash: await hashPassword(password) });
      state.counters.set('nextUserId', 1);
      return;
    }
    for (const { password, ...user } of documentUsers(settings)) {
      state.users.set(String(user.id), { ...user, passwordHash: await hashPassword(password) });
    }
    state.counters.set('nextUserId', 11);
  },

  authenticate(request, state) {
    if (request.operationId === 'requestToken') return checkTokenRequest(request);
    const token = bearerToken(request.headers['authorization']);
    if (token === undefined) return { refusal: unauthorized() };
    const subject = findToken(state.tokens, token);
    const principal = subject && principalOf(state, subject);
    if (!principal) return { refusal: unauthorized('invalid_token') };
    if (WRITE_OPERATIONS.has(request.operationId) && !principal.permissions.includes(MANAGE_USERS)) return { refusal: { status: 403 } };
    return { principal };
  },

  describeCredentials: (settings) => [
    `token: POST /cxrestapi/auth/identity/connect/token (form) grant_type=password client_id=${KNOWN_CLIENTS[0]} client_secret=${CLIENT_SECRET} scope="sast_rest_api access_control_api"`,
    `  username=${settings.checkmarx.username} password=${settings.checkmarx.password}  (Manage Users; user 1, or with --seed empty a service account outside the user list)`,
    `  username=${settings.checkmarx.limitedUsername} password=${settings.checkmarx.limitedPassword}  (no Manage Users: 403 on writes; user 10, --seed documents only)`,
    'then: Authorization: Bearer <access_token>',
  ],

  handlers: {
    async requestToken(request, { state, settings }) {
      const form = request.body as TokenRequest;
      const subject = await findLogin(state, form.username, form.password);
      if (!subject) return invalidCredentials();
      const expiresAt = Date.now() + TOKEN_LIFETIME_SECONDS * 1000;
      const accessToken = issueJwtLikeToken(subject.kind === 'user' ? String(subject.userId) : subject.username, expiresAt);
      keepToken(state.tokens, accessToken, { subject, expiresAt }, settings.maxLiveTokens);
      const body: TokenResponse = { access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS };
      return { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body };
    },

    listAuthenticationProviders: (_request, { state }) => ({ status: 200, body: [...state.authenticationProviders.values()] }),

    listTeams: (_request, { state }) => ({ status: 200, body: [...state.teams.values()] }),

    listUsers: (_request, { state }) => ({ status: 200, body: [...state.users.values()].map(toApiUser) }),

    getUser(request, { state }) {
      const found = findUser(state, request);
      if ('reply' in found) return found.reply;
      return { status: 200, body: toApiUser(found.user) };
    },

    createUser: (request, context) => addUser(request.body as CreateUserModel, null, context),

    migrateUser(request, context) {
      const body = request.body as MigrationUserModel;
      return addUser(body, body.creationDate ?? null, context);
    },

    updateUser(request, { state }) {
      const found = findUser(state, request);
      if ('reply' in found) return found.reply;
      const existing = found.user;
      const body = request.body as UpdateUserModel;
      let expirationDate = existing.expirationDate;
      if (body.expirationDate !== undefined) {
        const read = readExpirationDate(body.expirationDate);
        if ('reply' in read) return read.reply;
        expirationDate = read.value;
      }
      // Absent keeps; null clears what a user may be without and is ignored for what it may not.
      const updated: StoredUser = {
        ...existing,
        roleIds: body.roleIds === undefined ? existing.roleIds : (body.roleIds ?? []),
        teamIds: body.teamIds === undefined ? existing.teamIds : (body.teamIds ?? []),
        firstName: body.firstName ?? existing.firstName,
        lastName: body.lastName ?? existing.lastName,
        email: body.email ?? existing.email,
        phoneNumber: body.phoneNumber === undefined ? existing.phoneNumber : body.phoneNumber,
        cellPhoneNumber: body.cellPhoneNumber === undefined ? existing.cellPhoneNumber : body.cellPhoneNumber,
        jobTitle: body.jobTitle === undefined ? existing.jobTitle : body.jobTitle,
        other: body.other === undefined ? existing.other : body.other,
        country: body.country === undefined ? existing.country : body.country,
        active: body.active === undefined ? existing.active : String(body.active) === 'true',
        expirationDate,
        allowedIpList: body.allowedIpList === undefined ? existing.allowedIpList : (body.allowedIpList ?? []),
        localeId: body.localeId ?? existing.localeId,
      };
      state.users.set(String(updated.id), updated);
      return { status: 204 };
    },

    deleteUser(request, { state }) {
      const found = findUser(state, request);
      if ('reply' in found) return found.reply;
      state.users.delete(String(found.user.id));
      return { status: 204 };
    },
  },
};
