// Tyk Dashboard (seed 003): /api/users, authenticated by a user's access key in `authorization`, and
// /admin/users, authenticated by the admin secret in `admin-auth`.
// Behaviour as specs/tyk.openapi.yaml reads the document, facts and real clients, including its quirks:
// the key every sample sends belongs to a Dashboard admin the list does not show, user
// 54c25e845d932847067402e2 exists with password `12345`, `users: read` may set a password, a list
// without `p` answers `pages: 0`, and Update User does not check e-mail uniqueness.
//
// The mock holds one organisation (the samples'): users are always added to the caller's, so the list
// needs no filter and "already exists for this org" is a lookup over every user.
import type { IHttpOperation } from '@stoplight/types';
import type {
  AdminUserUpdated,
  ErrorEnvelope,
  NewUser,
  PasswordObject,
  PasswordUpdated,
  SessionRenewed,
  User,
  UserCreated,
  UserDeleted,
  UserList,
  UserPermissions,
  UserUpdate,
  UserUpdated,
} from '../../specs/types/tyk.ts';
import type { Problem } from '../../specs/validation.ts';
import type { ApiModule, MockReply, MockRequest, MockSettings } from '../module.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { randomHex } from '../random.ts';
import type { Collection, Store } from '../store.ts';

/** A user as stored: the API's user, with the password's hash (null when none is set) instead of `password`. */
interface StoredUser {
  id: string;
  org_id: string;
  first_name: string;
  last_name: string;
  email_address: string;
  active: boolean;
  access_key: string;
  user_permissions: UserPermissions;
  passwordHash: string | null;
}

/** Whose an access key is; `userId` null is the configured key of a mock seeded empty (see `seed`). */
interface KeyOwner {
  userId: string | null;
}

interface TykState {
  /** Keyed by id, in insertion order (the list's order). */
  users: Collection<StoredUser>;
  /** Keyed by access key, so a request's key is found without a scan. */
  accessKeys: Collection<KeyOwner>;
  /** Keyed by lower-cased e-mail address: the ids of the users who have it (Update User may share one). */
  emails: Collection<string[]>;
}

interface Principal {
  /** How the caller proved who they are. */
  via: 'access-key' | 'admin-secret';
  /** The organisation users are added to: the caller's (the admin secret spans the mock's one). */
  orgId: string;
}

/** The `x-tyk-permission` an operation declares in the spec. */
type Requirement = { via: 'user_permissions'; object: string; level: 'read' | 'write' } | { via: 'admin-auth' };

const DOCUMENTS_ORG_ID = '54b53d3aeba6db5c35000002';
const PAGE_SIZE = 10;

const NOT_AUTHORISED = 'Not authorised';
const ACCESS_DENIED = 'access denied: You do not have permission to access /api/users';
const USER_NOT_FOUND = 'Could not retrieve user detail.';

// The Dashboard admin that owns the configured access key (quirk sample-access-key-not-a-listed-user).
const DASHBOARD_ADMIN_ID = '54b53d3aeba6db5c35000010';
// The user of the Set User Password sample (quirk sample-user-id-not-listed).
const SAMPLE_USER_ID = '54c25e845d932847067402e2';
const SAMPLE_USER_PASSWORD = '12345';

/** The document's users, with the page's obfuscated addresses replaced by distinct example ones. */
const DOCUMENTED_USERS: StoredUser[] = [
  {
    id: '54b53d4bf25b920f09361526',
    org_id: DOCUMENTS_ORG_ID,
    first_name: 'John',
    last_name: 'Smith',
    email_address: 'john.smith@example.com',
    active: true,
    access_key: '0cf5e6c37add465a406f19807c081765',
    user_permissions: { IsAdmin: 'admin', ResetPassword: 'admin' },
    // As documented; its clear text is unknown, so John's password cannot be changed (nobody knows it).
    passwordHash: '$2a$10$mRVfrAf72N66anVNhA1KVuYaOwOrXhFzxyg6bwgZemUeVo2MNOpIa',
  },
  {
    id: '54bd0ad9ff4329b88985aafb',
    org_id: DOCUMENTS_ORG_ID,
    first_name: 'Test',
    last_name: 'User',
    email_address: 'test.user@example.com',
    active: true,
    access_key: 'f81ee6f0c8f2467d539c132c8a422346',
    user_permissions: { user_groups: 'read', users: 'read' },
    passwordHash: null,
  },
];

function errorEnvelope(status: number, message: string): MockReply {
  const body: ErrorEnvelope = { Status: 'Error', Message: message, Meta: null };
  return { status, body };
}

function userNotFound(): MockReply {
  return errorEnvelope(404, USER_NOT_FOUND);
}

/** The user as answered, keys in the document's order; `password` is the hash, as the document shows. */
function toApiUser(user: StoredUser): User {
  return {
    api_model: {},
    first_name: user.first_name,
    last_name: user.last_name,
    email_address: user.email_address,
    password: user.passwordHash ?? '',
    org_id: user.org_id,
    active: user.active,
    id: user.id,
    access_key: user.access_key,
    user_permissions: user.user_permissions,
  };
}

/** 24 hex digits, like the samples' ids (MongoDB ObjectIds). */
function newUserId(): string {
  return randomHex(12);
}

/** 32 hex digits, like the samples' access keys. */
function newAccessKey(): string {
  return randomHex(16);
}

function emailKey(address: string): string {
  return address.toLowerCase();
}

function emailTaken(state: TykState, address: string): boolean {
  return (state.emails.get(emailKey(address))?.length ?? 0) > 0;
}

/** Stores `user` and keeps the key and e-mail indexes in step with what `previous` (if any) held. */
function saveUser(state: TykState, user: StoredUser, previous?: StoredUser): void {
  state.users.set(user.id, user);
  if (previous?.access_key !== user.access_key) {
    if (previous) state.accessKeys.delete(previous.access_key);
    state.accessKeys.set(user.access_key, { userId: user.id });
  }
  if (previous === undefined || emailKey(previous.email_address) !== emailKey(user.email_address)) {
    if (previous) forgetEmail(state, previous);
    const key = emailKey(user.email_address);
    state.emails.set(key, [...(state.emails.get(key) ?? []), user.id]);
  }
}

function forgetEmail(state: TykState, user: StoredUser): void {
  const key = emailKey(user.email_address);
  const remaining = (state.emails.get(key) ?? []).filter((id) => id !== user.id);
  if (remaining.length === 0) state.emails.delete(key);
  else state.emails.set(key, remaining);
}

/** Facts: `ResetPassword` is granted and withdrawn only through the admin API, never in a User Object. */
function withoutResetPassword(permissions: UserPermissions): UserPermissions {
  const { ResetPassword: _ignored, ...rest } = permissions;
  return rest;
}

function withResetPasswordOf(permissions: UserPermissions, source: UserPermissions): UserPermissions {
  const kept = withoutResetPassword(permissions);
  return source['ResetPassword'] === undefined ? kept : { ...kept, ResetPassword: source['ResetPassword'] };
}

/** The page asked for (1-based), or undefined for "everyone" (no `p`, or `p` <= 0). */
function pageNumber(value: string | string[] | undefined): number | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  const page = Number(first);
  return Number.isInteger(page) && page >= 1 ? page : undefined;
}

/** The key in `authorization`, sent raw (the document) or as `Bearer <key>` (the Go SDK), any case. */
function accessKeyOf(header: string | undefined): string | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  const bearer = /^bearer\s+(.*)$/i.exec(value);
  const key = bearer ? bearer[1]!.trim() : value;
  return key === '' ? undefined : key;
}

/** The operation's `x-tyk-permission`; undefined when the spec lost it (then only an admin may call it). */
function requirementOf(operation: IHttpOperation): Requirement | undefined {
  const declared = operation.extensions?.['x-tyk-permission'] as Partial<Record<string, unknown>> | undefined;
  if (declared?.['via'] === 'admin-auth') return { via: 'admin-auth' };
  const { object, level } = declared ?? {};
  if (declared?.['via'] === 'user_permissions' && typeof object === 'string' && (level === 'read' || level === 'write')) {
    return { via: 'user_permissions', object, level };
  }
  return undefined;
}

function mayCall(permissions: UserPermissions, requirement: Requirement | undefined): boolean {
  if (permissions['IsAdmin'] === 'admin') return true;
  if (requirement?.via !== 'user_permissions') return false;
  const granted = permissions[requirement.object];
  return granted === 'write' || (granted === 'read' && requirement.level === 'read');
}

function authenticateAdminSecret(request: MockRequest, settings: MockSettings): { principal: Principal } | { refusal: MockReply } {
  // The admin endpoints ignore `authorization`: the secret alone decides.
  if (request.headers['admin-auth'] !== settings.tyk.adminSecret) return { refusal: errorEnvelope(401, NOT_AUTHORISED) };
  return { principal: { via: 'admin-secret', orgId: DOCUMENTS_ORG_ID } };
}

// The pipeline hands refusals of an invalid body over as one sentence of Prism's problems; Tyk answers
// "User object validation failed." (facts), so the sentence is turned into that, naming what is wrong.
/** The documented object each body-taking operation validates ("User object validation failed."). */
const OBJECT_BY_OPERATION: Record<string, string> = { setUserPassword: 'Password object', resetUserSession: 'Request object' };

/** Facts' "User object validation failed.", followed by what is wrong, so the message names the problem. */
function objectValidationMessage(operationId: string | undefined, problems: readonly Problem[]): string | undefined {
  if (!problems.every((problem) => problem.location === 'body')) return undefined;
  const object = (operationId && OBJECT_BY_OPERATION[operationId]) || 'User object';
  return `${object} validation failed: ${[...new Set(problems.map((problem) => plainProblem(problem.message)))].join('; ')}.`;
}

function plainProblem(problem: string): string {
  if (problem === 'Body parameter is required') return 'a JSON body is required';
  if (problem === 'Request body must be object') return 'the body must be a JSON object';
  const required = /^Request body(?: property (\S+))? must have required property '([^']+)'$/.exec(problem);
  if (required) return `${required[1] ? `${required[1]}.` : ''}${required[2]} is required`;
  const empty = /^Request body property (\S+) must NOT have fewer than 1 characters$/.exec(problem);
  if (empty) return `${empty[1]} must not be empty`;
  return problem.replace(/^Request body property /, '').replace(/^Request body /, 'the body ').replace(' must NOT ', ' must not ');
}

export const tyk: ApiModule<TykState, Principal> = {
  id: 'tyk',
  rootPaths: ['/api/users', '/admin/users'],
  responseMediaType: 'application/json',

  // All of /admin, not only /admin/users: clients also call other admin endpoints (ps258 reads
  // /admin/organisations), and a Tyk client should get its 404 in the Tyk shape.
  ownsPath: (path) => path === '/api/users' || path.startsWith('/api/users/') || path === '/admin' || path.startsWith('/admin/'),
  toSpecPath: (path) => path,

  errorReply: ({ status, message, reason, operationId, problems }) =>
    errorEnvelope(status, (reason === 'invalid-request' && problems && objectValidationMessage(operationId, problems)) || message),

  createState: (store: Store) => ({
    users: store.collection<StoredUser>('users'),
    accessKeys: store.collection<KeyOwner>('accessKeys'),
    emails: store.collection<string[]>('emails'),
  }),

  async seed(state, seed, settings) {
    if (seed === 'empty') {
      // No users, but the configured key must still work, or an empty mock could never add one: it
      // authenticates as a Dashboard admin who is no user (not listed, cannot be changed or deleted).
      state.accessKeys.set(settings.tyk.accessKey, { userId: null });
      return;
    }
    if (DOCUMENTED_USERS.some((user) => user.access_key === settings.tyk.accessKey)) {
      throw new Error(`tyk: the access key ${settings.tyk.accessKey} is already a documented user's; choose another --tyk-access-key.`);
    }
    const dashboardAdmin: StoredUser = {
      id: DASHBOARD_ADMIN_ID,
      org_id: DOCUMENTS_ORG_ID,
      first_name: 'Dashboard',
      last_name: 'Admin',
      email_address: 'dashboard.admin@example.com',
      active: true,
      access_key: settings.tyk.accessKey,
      user_permissions: { IsAdmin: 'admin', users: 'write' },
      passwordHash: null,
    };
    const sampleUser: StoredUser = {
      id: SAMPLE_USER_ID,
      org_id: DOCUMENTS_ORG_ID,
      first_name: 'Pat',
      last_name: 'Sample',
      email_address: 'pat.sample@example.com',
      active: true,
      access_key: '6d1f3c0b9a8e4f27b5c4d3e2a1f09e8d',
      user_permissions: {},
      passwordHash: await hashPassword(SAMPLE_USER_PASSWORD, settings.bcryptCost),
    };
    for (const user of [...DOCUMENTED_USERS, dashboardAdmin, sampleUser]) saveUser(state, user);
  },

  authenticate(request, state, settings) {
    const requirement = requirementOf(request.operation);
    if (requirement?.via === 'admin-auth') return authenticateAdminSecret(request, settings);

    const key = accessKeyOf(request.headers['authorization']);
    const owner = key === undefined ? undefined : state.accessKeys.get(key);
    if (owner === undefined) return { refusal: errorEnvelope(401, NOT_AUTHORISED) };
    let permissions: UserPermissions = { IsAdmin: 'admin' };
    let orgId = DOCUMENTS_ORG_ID;
    if (owner.userId !== null) {
      const user = state.users.get(owner.userId);
      // An inactive user's key is refused like an unknown one (spec: User Object `active`).
      if (user === undefined || !user.active) return { refusal: errorEnvelope(401, NOT_AUTHORISED) };
      permissions = user.user_permissions;
      orgId = user.org_id;
    }
    if (!mayCall(permissions, requirement)) return { refusal: errorEnvelope(403, ACCESS_DENIED) };
    return { principal: { via: 'access-key', orgId } };
  },

  describeCredentials: (settings) => [
    `authorization: ${settings.tyk.accessKey}  (a Dashboard admin's access key; raw or "Bearer <key>")`,
    `admin-auth: ${settings.tyk.adminSecret}  (the admin secret, for /admin/users)`,
  ],

  handlers: {
    listUsers(request, { state }) {
      const page = pageNumber(request.query['p']);
      if (page === undefined) {
        // Everyone; `pages` as the document's sample shows it for that case (quirk list-pages-zero).
        const everyone: UserList = { users: state.users.slice(0, state.users.size).map(toApiUser), pages: 0 };
        return { status: 200, body: everyone };
      }
      const body: UserList = {
        users: state.users.slice((page - 1) * PAGE_SIZE, PAGE_SIZE).map(toApiUser),
        pages: Math.ceil(state.users.size / PAGE_SIZE),
      };
      return { status: 200, body };
    },

    getUser(request, { state }) {
      const user = state.users.get(request.pathParameters['USER_ID']!);
      if (!user) return userNotFound();
      return { status: 200, body: toApiUser(user) };
    },

    async createUser(request, { state, principal, settings }) {
      const body = request.body as NewUser;
      if (emailTaken(state, body.email_address)) return errorEnvelope(403, 'User email already exists for this org.');
      const user: StoredUser = {
        id: newUserId(),
        org_id: principal.orgId,
        first_name: body.first_name ?? '',
        last_name: body.last_name ?? '',
        email_address: body.email_address,
        active: body.active ?? true,
        access_key: newAccessKey(),
        user_permissions: withoutResetPassword(body.user_permissions ?? {}),
        // "" is how a user without a password is shown: sending it adds one without a password.
        passwordHash: body.password ? await hashPassword(body.password, settings.bcryptCost) : null,
      };
      saveUser(state, user);
      const created: UserCreated = { Status: 'OK', Message: 'User created', Meta: '' };
      return { status: 200, body: created };
    },

    updateUser(request, { state }) {
      const existing = state.users.get(request.pathParameters['USER_ID']!);
      if (!existing) return errorEnvelope(400, 'user does not exist.');
      const body = request.body as UserUpdate;
      // Partial: what is given is set, the rest kept. `password` and `org_id` are not changed here.
      const updated: StoredUser = {
        ...existing,
        first_name: body.first_name ?? existing.first_name,
        last_name: body.last_name ?? existing.last_name,
        email_address: body.email_address ?? existing.email_address,
        active: body.active ?? existing.active,
        user_permissions: body.user_permissions === undefined ? existing.user_permissions : withResetPasswordOf(body.user_permissions, existing.user_permissions),
      };
      saveUser(state, updated, existing);
      const reply: UserUpdated = { Status: 'OK', Message: 'User updated', Meta: null };
      return { status: 200, body: reply };
    },

    deleteUser(request, { state }) {
      const user = state.users.get(request.pathParameters['USER_ID']!);
      if (!user) return userNotFound();
      state.users.delete(user.id);
      state.accessKeys.delete(user.access_key);
      forgetEmail(state, user);
      const reply: UserDeleted = { Status: 'OK', Message: 'User deleted', Meta: '' };
      return { status: 200, body: reply };
    },

    async setUserPassword(request, { state, settings }) {
      const user = state.users.get(request.pathParameters['USER_ID']!);
      if (!user) return userNotFound();
      const body = request.body as PasswordObject;
      if (user.passwordHash !== null) {
        if (body.current_password === undefined) {
          return errorEnvelope(400, 'Password object validation failed: current_password is required to change an existing password.');
        }
        if (!(await verifyPassword(body.current_password, user.passwordHash))) {
          return errorEnvelope(403, "current_password does not match the user's password.");
        }
      }
      // The sample's `user_permissions` is ignored (quirk set-password-sample-sends-user-permissions).
      saveUser(state, { ...user, passwordHash: await hashPassword(body.new_password, settings.bcryptCost) }, user);
      const reply: PasswordUpdated = { Status: 'OK', Message: 'User password updated', Meta: '' };
      return { status: 200, body: reply };
    },

    resetUserSession(request, { state }) {
      // The body's `userId` is optional and ignored: the path names the user (quirk key-reset-body-typographic-quotes).
      const user = state.users.get(request.pathParameters['USER_ID']!);
      if (!user) return userNotFound();
      saveUser(state, { ...user, access_key: newAccessKey() }, user);
      const reply: SessionRenewed = { Status: 'OK', Message: 'User session renewed', Meta: null };
      return { status: 200, body: reply };
    },

    allowResetPasswords: (request, { state }) => setResetPassword(state, request.pathParameters['USER_ID']!, true),
    disallowResetPasswords: (request, { state }) => setResetPassword(state, request.pathParameters['USER_ID']!, false),
  },
};

function setResetPassword(state: TykState, userId: string, allowed: boolean): MockReply {
  const user = state.users.get(userId);
  if (!user) return userNotFound();
  const permissions = withoutResetPassword(user.user_permissions);
  const updated: StoredUser = { ...user, user_permissions: allowed ? { ...permissions, ResetPassword: 'admin' } : permissions };
  saveUser(state, updated, user);
  const reply: AdminUserUpdated = { Status: 'OK', Message: 'User updated', Meta: toApiUser(updated) };
  return { status: 200, body: reply };
}
