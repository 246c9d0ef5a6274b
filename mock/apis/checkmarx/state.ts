// The Checkmarx mock's state: users (with the indexes that find one by name without a scan), the service
// account of a mock seeded empty, the issued tokens, and the installation's roles, teams and providers.
import type { AuthenticationProvider, Team, User } from '../../../specs/types/checkmarx.ts';
import type { Collection, CollectionIndex, Store } from '../../store.ts';
import type { IssuedToken } from '../../tokens.ts';

/** The built-in 'Application' provider: users created without a provider belong to it. */
export const APPLICATION_PROVIDER_ID = 1;
export const MANAGE_USERS = 'manage-users';

/** A user as stored: the API's user plus what it never returns. */
export type StoredUser = User & {
  passwordHash: string | null;
  /** Only migrated users have one (as the client sent it). */
  creationDate: number | string | null;
};

/** Roles are not served (no source documents the Roles API's shape); they only carry permissions. */
export interface Role {
  id: number;
  name: string;
  permissions: string[];
}

/**
 * The configured administrator of a mock seeded 'empty': it logs in like a user but is not one, so the
 * user list really starts empty and the mock is still usable.
 */
export interface ServiceAccount {
  username: string;
  passwordHash: string;
}

export type TokenSubject = { kind: 'user'; userId: number } | { kind: 'service-account'; username: string };

/** Who a request speaks for: the token's user (or service account), or at the token endpoint the client. */
export interface Principal {
  name: string;
  permissions: string[];
}

export interface CheckmarxState {
  /** Keyed by the id as a string. */
  users: Collection<StoredUser>;
  /** The users' ids by authentication provider and lower-cased user name (see userNameKey). */
  usersByName: CollectionIndex;
  /** The users' ids by lower-cased user name alone: who a login may be, whatever the provider. */
  usersByLoginName: CollectionIndex;
  /** Keyed by the lower-cased user name. */
  serviceAccounts: Collection<ServiceAccount>;
  /** Keyed by the token's SHA-256, so a state file never holds a usable token (see mock/tokens.ts). */
  tokens: Collection<IssuedToken<TokenSubject>>;
  roles: Collection<Role>;
  teams: Collection<Team>;
  authenticationProviders: Collection<AuthenticationProvider>;
  /** 'nextUserId': ids only grow, so a deleted user's id is never given again. */
  counters: Collection<number>;
}

/** A user name is unique per authentication provider, whatever its case. */
export function userNameKey(authenticationProviderId: unknown, userName: unknown): string {
  return JSON.stringify([authenticationProviderId, typeof userName === 'string' ? userName.toLowerCase() : userName]);
}

export function createState(store: Store): CheckmarxState {
  return {
    users: store.collection<StoredUser>('users'),
    usersByName: store.collection<StoredUser>('users').index('byName', (user) => userNameKey(user.authenticationProviderId, user.userName)),
    usersByLoginName: store.collection<StoredUser>('users').index('byLoginName', (user) => String(user.userName).toLowerCase()),
    serviceAccounts: store.collection<ServiceAccount>('serviceAccounts'),
    tokens: store.collection<IssuedToken<TokenSubject>>('tokens'),
    roles: store.collection<Role>('roles'),
    teams: store.collection<Team>('teams'),
    authenticationProviders: store.collection<AuthenticationProvider>('authenticationProviders'),
    counters: store.collection<number>('counters'),
  };
}

export function takeUserId(state: CheckmarxState): number {
  const id = state.counters.get('nextUserId') ?? 1;
  state.counters.set('nextUserId', id + 1);
  return id;
}
