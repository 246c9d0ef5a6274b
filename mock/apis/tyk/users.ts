// The Tyk mock's state: users, and the indexes that find one by access key or by e-mail address without a
// scan. The same state serves every profile (a state file written under one is read under the other);
// what a profile changes is how users are answered (profiles.ts).
//
// The mock holds one organisation (the samples'): users are always added to the caller's, so the list
// needs no filter and "already exists for this org" is a lookup over every user.
import type { NewUser, UserPermissions, UserUpdate } from '../../../specs/types/tyk.ts';
import { randomHex } from '../../random.ts';
import type { Collection, Store } from '../../store.ts';

/** A user as stored: the API's user, with the password's hash (null when none is set) instead of `password`. */
export interface StoredUser {
  id: string;
  org_id: string;
  first_name: string;
  last_name: string;
  email_address: string;
  active: boolean;
  /** "" once revoked (Dashboard 5.8's Revoke User), until Reset User Session gives a new one. */
  access_key: string;
  user_permissions: UserPermissions;
  passwordHash: string | null;
  /** RFC 3339; absent in state files written before the 5.8 profile. */
  created_at?: string;
  /** RFC 3339 time the password was last set; null or absent when it never was. */
  password_updated?: string | null;
}

/** Whose an access key is; `userId` null is the configured key of a mock seeded empty (see seed.ts). */
export interface KeyOwner {
  userId: string | null;
}

export interface TykState {
  /** Keyed by id, in insertion order (the list's order). */
  users: Collection<StoredUser>;
  /** Keyed by access key, so a request's key is found without a scan. */
  accessKeys: Collection<KeyOwner>;
  /** Keyed by lower-cased e-mail address: the ids of the users who have it (Update User may share one). */
  emails: Collection<string[]>;
}

export const DOCUMENTS_ORG_ID = '54b53d3aeba6db5c35000002';

export function createState(store: Store): TykState {
  return {
    users: store.collection<StoredUser>('users'),
    accessKeys: store.collection<KeyOwner>('accessKeys'),
    emails: store.collection<string[]>('emails'),
  };
}

/** Like the samples' ids (MongoDB ObjectIds): 4 bytes of creation time in seconds, then 8 random bytes. */
function newUserId(now: Date): string {
  return Math.floor(now.getTime() / 1000).toString(16).padStart(8, '0').slice(-8) + randomHex(8);
}

/** 32 hex digits, like the samples' access keys. */
export function newAccessKey(): string {
  return randomHex(16);
}

/** RFC 3339 to the second, as a Go server writes a time. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function emailKey(address: string): string {
  return address.toLowerCase();
}

export function emailTaken(state: TykState, address: string): boolean {
  return (state.emails.get(emailKey(address))?.length ?? 0) > 0;
}

/** Stores `user` and keeps the key and e-mail indexes in step with what `previous` (if any) held. */
export function saveUser(state: TykState, user: StoredUser, previous?: StoredUser): void {
  state.users.set(user.id, user);
  if (previous?.access_key !== user.access_key) {
    if (previous && previous.access_key !== '') state.accessKeys.delete(previous.access_key);
    if (user.access_key !== '') state.accessKeys.set(user.access_key, { userId: user.id });
  }
  if (previous === undefined || emailKey(previous.email_address) !== emailKey(user.email_address)) {
    if (previous) forgetEmail(state, previous);
    const key = emailKey(user.email_address);
    state.emails.set(key, [...(state.emails.get(key) ?? []), user.id]);
  }
}

export function deleteUser(state: TykState, user: StoredUser): void {
  state.users.delete(user.id);
  if (user.access_key !== '') state.accessKeys.delete(user.access_key);
  forgetEmail(state, user);
}

function forgetEmail(state: TykState, user: StoredUser): void {
  const key = emailKey(user.email_address);
  const remaining = (state.emails.get(key) ?? []).filter((id) => id !== user.id);
  if (remaining.length === 0) state.emails.delete(key);
  else state.emails.set(key, remaining);
}

/** Facts: `ResetPassword` is granted and withdrawn only through the admin API, never in a User Object. */
export function withoutResetPassword(permissions: UserPermissions): UserPermissions {
  const { ResetPassword: _ignored, ...rest } = permissions;
  return rest;
}

export function withResetPasswordOf(permissions: UserPermissions, source: UserPermissions): UserPermissions {
  const kept = withoutResetPassword(permissions);
  return source['ResetPassword'] === undefined ? kept : { ...kept, ResetPassword: source['ResetPassword'] };
}

/** A user added from a User Object: what it leaves out defaulted (active, empty names, no permissions). */
export function newStoredUser(body: NewUser, orgId: string, user_permissions: UserPermissions, passwordHash: string | null, now: Date): StoredUser {
  return {
    id: newUserId(now),
    org_id: orgId,
    first_name: body.first_name ?? '',
    last_name: body.last_name ?? '',
    email_address: body.email_address,
    active: body.active ?? true,
    access_key: newAccessKey(),
    user_permissions,
    passwordHash,
    created_at: timestamp(now),
    password_updated: passwordHash === null ? null : timestamp(now),
  };
}

/** A partial update: the fields given are set, the others kept; `password` and `org_id` never change here. */
export function withFields(existing: StoredUser, body: UserUpdate, user_permissions: UserPermissions): StoredUser {
  return {
    ...existing,
    first_name: body.first_name ?? existing.first_name,
    last_name: body.last_name ?? existing.last_name,
    email_address: body.email_address ?? existing.email_address,
    active: body.active ?? existing.active,
    user_permissions,
  };
}
