// An independent model of what the Tyk document says its users resource does (never the mock's code).
// Add User adds a user with the fields it is sent (without a password when it is left out) and,
// by the facts, refuses an address the organisation already has; Update User sets the fields it is sent;
// Set User Password sets a first password without `current_password` and afterwards needs the existing
// one; Reset User Session gives the user a new access key and the old one stops working; Delete User
// removes. What the document leaves open is `undefined` here (a name that was never sent, what an update
// does to fields it is not sent when the target replaces rather than merges) and is learned from the
// target's first answer, after which it must stay stable.
import type { ExpectedUser, Permissions as UserPermissions } from './values.ts';

export interface ModelUser {
  /** The target's opaque id: learned once the user is found, then never changes. */
  id: string | undefined;
  email: string;
  firstName: string | undefined;
  lastName: string | undefined;
  /** undefined: not sent, and not yet seen (the document only ever sends `true`). */
  active: boolean | undefined;
  /** The permissions sent (compared as a subset); undefined when never sent and not yet seen. */
  permissions: UserPermissions | undefined;
  /** The password this run set, in clear; null while the user has none. */
  password: string | null;
  /** The current access key, learned from the target; undefined right after a key reset until seen. */
  accessKey: string | undefined;
  /** Keys the user had before a key reset: none of them may work or come back. */
  revokedKeys: string[];
}

export interface UserFields {
  email?: string;
  firstName?: string;
  lastName?: string;
  active?: boolean;
  permissions?: UserPermissions;
}

export type AddOutcome = { kind: 'created'; user: ModelUser } | { kind: 'email-taken'; holder: ModelUser };
export type PasswordOutcome = { kind: 'set' } | { kind: 'refused'; why: 'current-password-missing' | 'current-password-wrong' } | { kind: 'unknown-user' };

export class TykModel {
  /** Keyed by a name the sequence gives each user (its slot), since the target's id is learned later. */
  private readonly users = new Map<string, ModelUser>();
  private readonly everAdded = new Set<string>();
  private readonly deletedIds = new Set<string>();
  /** Whether Update User keeps the fields it is not sent (real clients rely on it); learned by a probe. */
  readonly updateKeepsOmitted: boolean;

  constructor(updateKeepsOmitted: boolean) {
    this.updateKeepsOmitted = updateKeepsOmitted;
  }

  has(name: string): boolean {
    return this.users.has(name);
  }

  wasEverAdded(name: string): boolean {
    return this.everAdded.has(name);
  }

  get(name: string): ModelUser | undefined {
    const user = this.users.get(name);
    return user ? structuredClone(user) : undefined;
  }

  all(): Array<[string, ModelUser]> {
    return [...this.users.entries()].map(([name, user]) => [name, structuredClone(user)]);
  }

  /** Ids of users this model deleted: Get, Update, Delete, ... of them find no user. */
  deleted(): string[] {
    return [...this.deletedIds];
  }

  /** A slot whose Add User was refused: its address is not reused. */
  markUsed(name: string): void {
    this.everAdded.add(name);
  }

  holderOf(email: string): ModelUser | undefined {
    return [...this.users.values()].find((user) => user.email.toLowerCase() === email.toLowerCase());
  }

  /** Add User. Facts: "User email already exists for this org." (the refusal itself is a SHOULD). */
  add(name: string, fields: UserFields & { email: string; password?: string }): AddOutcome {
    const holder = this.holderOf(fields.email);
    if (holder) return { kind: 'email-taken', holder: structuredClone(holder) };
    const user: ModelUser = {
      id: undefined,
      email: fields.email,
      firstName: fields.firstName,
      lastName: fields.lastName,
      active: fields.active,
      permissions: fields.permissions,
      // "You can add a user via the API without a password by leaving out the password field."
      password: fields.password ?? null,
      accessKey: undefined,
      revokedKeys: [],
    };
    this.users.set(name, user);
    this.everAdded.add(name);
    return { kind: 'created', user: structuredClone(user) };
  }

  /** Update User: what is sent is set; what is not is kept, or unknown when the target replaces. */
  update(name: string, fields: UserFields): ModelUser | undefined {
    const existing = this.users.get(name);
    if (!existing) return undefined;
    const omitted = <T>(value: T | undefined, previous: T | undefined): T | undefined => (value !== undefined ? value : this.updateKeepsOmitted ? previous : undefined);
    const user: ModelUser = {
      ...existing,
      email: fields.email ?? existing.email,
      firstName: omitted(fields.firstName, existing.firstName),
      lastName: omitted(fields.lastName, existing.lastName),
      active: omitted(fields.active, existing.active),
      permissions: omitted(fields.permissions, existing.permissions),
    };
    this.users.set(name, user);
    return structuredClone(user);
  }

  /**
   * Set User Password. "If a user is created with a blank password ... the current_password field is
   * not required. To change an current password, you need to know the existing password set in Add User."
   */
  setPassword(name: string, body: { current?: string; next: string }): PasswordOutcome {
    const user = this.users.get(name);
    if (!user) return { kind: 'unknown-user' };
    if (user.password !== null) {
      if (body.current === undefined) return { kind: 'refused', why: 'current-password-missing' };
      if (body.current !== user.password) return { kind: 'refused', why: 'current-password-wrong' };
    }
    user.password = body.next;
    // Whether a new password also renews the access key is open: the key is learned again.
    user.accessKey = undefined;
    return { kind: 'set' };
  }

  /** Reset User Session: "This also resets the user's Dashboard API credentials." */
  resetKey(name: string): boolean {
    const user = this.users.get(name);
    if (!user) return false;
    if (user.accessKey !== undefined) user.revokedKeys.push(user.accessKey);
    user.accessKey = undefined;
    return true;
  }

  remove(name: string): boolean {
    const user = this.users.get(name);
    if (!user) return false;
    if (user.id !== undefined) this.deletedIds.add(user.id);
    this.users.delete(name);
    return true;
  }

  /** Fills in what the model does not know from the target's answer; known values are never replaced. */
  learn(name: string, observed: Record<string, unknown>): void {
    const user = this.users.get(name);
    if (!user) return;
    if (user.id === undefined && typeof observed['id'] === 'string') user.id = observed['id'];
    if (user.firstName === undefined && typeof observed['first_name'] === 'string') user.firstName = observed['first_name'];
    if (user.lastName === undefined && typeof observed['last_name'] === 'string') user.lastName = observed['last_name'];
    if (user.active === undefined && typeof observed['active'] === 'boolean') user.active = observed['active'];
    const permissions = observed['user_permissions'];
    if (user.permissions === undefined && typeof permissions === 'object' && permissions !== null && !Array.isArray(permissions)) user.permissions = { ...(permissions as UserPermissions) };
    if (user.accessKey === undefined && typeof observed['access_key'] === 'string') user.accessKey = observed['access_key'];
  }
}

/** The fields of a model user a target's answer must show, leaving out what is not known yet. */
export function expectedFields(user: ModelUser): ExpectedUser {
  const fields: ExpectedUser = { email_address: user.email };
  if (user.id !== undefined) fields.id = user.id;
  if (user.firstName !== undefined) fields.first_name = user.firstName;
  if (user.lastName !== undefined) fields.last_name = user.lastName;
  if (user.active !== undefined) fields.active = user.active;
  if (user.permissions !== undefined) fields.user_permissions = user.permissions;
  if (user.accessKey !== undefined) fields.access_key = user.accessKey;
  return fields;
}
