// VAA dashboard API v2 (seed 001): /api/v2/users, authenticated by x-lxt-api-token.
// Behaviour as specs/vaa.openapi.yaml reads the document, including its quirks: PUT and DELETE answer
// HTTP 200 with body status 201, a list that matches nothing is HTTP 400, users are identified by userId.
import { randomBytes } from 'node:crypto';
import type { AddUserRequest, DeleteUserRequest, LoginForm, ModifyUserRequest, Role, User } from '../../specs/types/vaa.ts';
import type { ApiModule, MockReply } from '../module.ts';
import { hashPassword } from '../passwords.ts';
import { randomHex } from '../random.ts';
import type { Collection, Store } from '../store.ts';
import { findToken, keepToken, type IssuedToken } from '../tokens.ts';

/** A user as stored: the API's user plus what it never returns. */
interface StoredUser {
  id: string;
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  status: 'active' | 'inactive';
  customerId: string | null;
  /** The key of the user's customer in `customers`, or null. */
  customerKey: string | null;
  roles: Role[];
  passwordHash: string | null;
}

interface Customer {
  customerId: string | null;
  customerName: string | null;
}

interface VaaState {
  users: Collection<StoredUser>;
  /** Keyed by `id:<customerId>` or, for customers created from a name alone, `name:<customerName>`. */
  customers: Collection<Customer>;
  /** Tokens issued by login, keyed by the token's SHA-256 (see tokens.ts). */
  tokens: Collection<IssuedToken<Principal>>;
}

type Principal = { username: string };

/** The document gives none; a day, as Checkmarx's tokens. */
const TOKEN_LIFETIME_SECONDS = 86_400;

const SEED_USERS: StoredUser[] = [
  { id: 'IPM0N3CRFDHM4GQK15319464799176RQ299QFIJBA8B', userId: 'test', email: 'tset', firstName: 'Bob', lastName: 'Smith', status: 'active', customerId: null, customerKey: null, roles: [], passwordHash: null },
  { id: 'RUKTJDOYFSGJ4JO11532442929347PUPJAMFGP8TYE6', userId: 'loc', email: 'test', firstName: '', lastName: '', status: 'active', customerId: null, customerKey: null, roles: [], passwordHash: null },
];

function envelope(status: number, message: string, data: unknown): MockReply {
  return { status, body: { status, message, data } };
}

function toApiUser(state: VaaState, user: StoredUser): User {
  const apiUser: User = {
    email: user.email,
    id: user.id,
    userId: user.userId,
    firstName: user.firstName,
    lastName: user.lastName,
    status: user.status,
    customerId: user.customerId,
  };
  const customer = user.customerKey === null ? undefined : state.customers.get(user.customerKey);
  if (customer) apiUser.customerName = customer.customerName;
  return apiUser;
}

/**
 * The document: a customer is created from `customerId` when no customer has that id yet (the id is
 * "the determining factor"), or from `customerName` alone; a non-empty `customerName` names it.
 */
function resolveCustomer(state: VaaState, customerId: string | undefined, customerName: string | undefined): string | null {
  const name = customerName === undefined || customerName === '' ? undefined : customerName;
  if (customerId !== undefined && customerId !== '') {
    const key = `id:${customerId}`;
    const existing = state.customers.get(key);
    if (!existing || (name !== undefined && existing.customerName !== name)) {
      state.customers.set(key, { customerId, customerName: name ?? existing?.customerName ?? null });
    }
    return key;
  }
  if (name !== undefined) {
    const key = `name:${name}`;
    if (!state.customers.has(key)) state.customers.set(key, { customerId: null, customerName: name });
    return key;
  }
  return null;
}

function unknownUser(): MockReply {
  return envelope(404, 'Invalid user', []);
}

export const vaa: ApiModule<VaaState, Principal> = {
  id: 'vaa',
  rootPaths: ['/api/v2/users', '/api/v2/login'],
  responseMediaType: 'application/json',

  ownsPath: (path) => path === '/api/v2' || path.startsWith('/api/v2/'),
  toSpecPath: (path) => path,

  errorReply: ({ status, message }) => envelope(status, message, []),

  createState: (store: Store) => ({
    users: store.collection<StoredUser>('users'),
    customers: store.collection<Customer>('customers'),
    tokens: store.collection<IssuedToken<Principal>>('tokens'),
  }),

  seed(state, seed) {
    if (seed === 'empty') return;
    for (const user of SEED_USERS) state.users.set(user.userId, user);
  },

  authenticate(request, state, settings) {
    if (request.operationId === 'login') return { principal: { username: '' } };
    const token = request.headers['x-lxt-api-token'];
    if (token === undefined || token === '') {
      return { refusal: envelope(403, 'Missing x-lxt-api-token header: log in with POST /api/v2/login and send its token.', []) };
    }
    if (token === settings.vaa.token) return { principal: { username: settings.vaa.username } };
    const principal = findToken(state.tokens, token);
    if (!principal) return { refusal: envelope(403, 'Invalid x-lxt-api-token.', []) };
    return { principal };
  },

  describeCredentials: (settings) => [
    `x-lxt-api-token: ${settings.vaa.token}`,
    `login: POST /api/v2/login  username=${settings.vaa.username} password=${settings.vaa.password}`,
  ],

  handlers: {
    login(request, { state, settings }) {
      const form = request.body as LoginForm;
      if (form.username !== settings.vaa.username || form.password !== settings.vaa.password) {
        return envelope(403, 'Invalid username or password.', []);
      }
      const expiresAt = Date.now() + TOKEN_LIFETIME_SECONDS * 1000;
      const token = issueJwtLikeToken(form.username, expiresAt);
      keepToken(state.tokens, token, { subject: { username: form.username }, expiresAt }, settings.maxLiveTokens);
      return { status: 200, body: { token } };
    },

    listUsers(request, { state }) {
      const email = single(request.query['email']);
      const userId = single(request.query['userId']);
      const users: User[] = [];
      if (userId !== undefined) {
        const user = state.users.get(userId);
        if (user && (email === undefined || user.email === email)) users.push(toApiUser(state, user));
      } else {
        for (const user of state.users.values()) {
          if (email === undefined || user.email === email) users.push(toApiUser(state, user));
        }
      }
      if (users.length === 0) return envelope(400, 'User(s) not found.', []);
      return envelope(200, 'Success', users);
    },

    async createUser(request, { state }) {
      const body = request.body as AddUserRequest;
      if (state.users.has(body.userId)) return envelope(400, 'User already exists.', []);
      const passwordHash = body.password === undefined ? null : await hashPassword(body.password);
      const customerKey = resolveCustomer(state, body.customerId, body.customerName);
      const user: StoredUser = {
        id: randomHex(16),
        userId: body.userId,
        email: body.email,
        firstName: body.firstName ?? '',
        lastName: body.lastName ?? '',
        status: 'active',
        customerId: body.customerId === undefined || body.customerId === '' ? null : body.customerId,
        customerKey,
        roles: body.roles ?? [],
        passwordHash,
      };
      state.users.set(user.userId, user);
      return envelope(200, 'Success', [toApiUser(state, user)]);
    },

    async updateUser(request, { state }) {
      const body = request.body as ModifyUserRequest;
      const existing = state.users.get(body.userId);
      if (!existing) return unknownUser();
      const passwordHash = body.password === undefined ? existing.passwordHash : await hashPassword(body.password);
      const customerKey = body.customerId === undefined && body.customerName === undefined ? existing.customerKey : resolveCustomer(state, body.customerId, body.customerName);
      // Omitted fields keep their values; `id` is a placeholder in every example and is ignored.
      const updated: StoredUser = {
        ...existing,
        email: body.email,
        firstName: body.firstName ?? existing.firstName,
        lastName: body.lastName ?? existing.lastName,
        customerId: body.customerId === undefined ? existing.customerId : body.customerId === '' ? null : body.customerId,
        customerKey,
        roles: body.roles ?? existing.roles,
        passwordHash,
      };
      state.users.set(updated.userId, updated);
      return { status: 200, body: { status: 201, message: 'Success', data: toApiUser(state, updated) } };
    },

    deactivateUser: (request, { state }) => setStatus(state, request.body as ModifyUserRequest, 'inactive'),
    reactivateUser: (request, { state }) => setStatus(state, request.body as ModifyUserRequest, 'active'),

    deleteUser(request, { state }) {
      const body = request.body as DeleteUserRequest;
      if (!state.users.delete(body.userId)) return unknownUser();
      return { status: 200, body: { status: 201, message: 'Success', data: [] } };
    },
  },
};

function setStatus(state: VaaState, body: ModifyUserRequest, status: StoredUser['status']): MockReply {
  const existing = state.users.get(body.userId);
  if (!existing) return unknownUser();
  const updated = { ...existing, status };
  state.users.set(updated.userId, updated);
  return { status: 200, body: { status: 201, message: 'Success', data: toApiUser(state, updated) } };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A token shaped like the vendor's (an RS256 JWT); the mock only ever compares it, never verifies it. */
function issueJwtLikeToken(username: string, expiresAt: number): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ typ: 'JWT', alg: 'RS256' });
  const now = Math.floor(Date.now() / 1000);
  const payload = encode({ sub: username, iat: now, exp: Math.floor(expiresAt / 1000), jti: randomBytes(8).toString('hex') });
  return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
}
