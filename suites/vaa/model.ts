// An independent model of what the VAA document says the users resource does (never the mock's code):
// users keyed by `userId`; POST adds an active user and refuses an existing userId; PUT merges the
// fields it is sent into an existing user; deactivate / reactivate change only `status`; DELETE removes;
// a GET filter returns the users that match it. What the document leaves open is `undefined` here
// (the firstName of a user added without one; an optional field a PUT leaves out, which a server may
// keep or clear) and learned from the target's next answer, after which it must stay stable.

export type UserStatus = 'active' | 'inactive';

export interface ModelUser {
  userId: string;
  email: string;
  /** undefined: not yet known (the user was added without it; the document does not say what it becomes). */
  firstName: string | undefined;
  lastName: string | undefined;
  status: UserStatus;
  /** null when the user was added without one (GET Example 1 and POST Example 1 show `null`); undefined: not yet known. */
  customerId: string | null | undefined;
  /** The server's opaque id: learned from the POST answer, then never changes. */
  id: string | undefined;
}

export interface AddFields {
  userId: string;
  email: string;
  firstName?: string;
  lastName?: string;
  customerId?: string;
  password?: string;
}

/** PUT's body: the same fields (userId and email required). */
export type ModifyFields = AddFields;

export type AddOutcome = { kind: 'created'; user: ModelUser } | { kind: 'exists'; user: ModelUser };
export type ChangeOutcome = { kind: 'changed'; user: ModelUser } | { kind: 'unknown-user' };

export class VaaModel {
  private readonly users = new Map<string, ModelUser>();
  /** Every userId ever added in this model's life, deleted or not. */
  private readonly everAdded = new Set<string>();

  has(userId: string): boolean {
    return this.users.has(userId);
  }

  wasEverAdded(userId: string): boolean {
    return this.everAdded.has(userId);
  }

  get(userId: string): ModelUser | undefined {
    const user = this.users.get(userId);
    return user ? { ...user } : undefined;
  }

  all(): ModelUser[] {
    return [...this.users.values()].map((user) => ({ ...user }));
  }

  /** POST: "An error will be returned if this user already exists in the system." */
  add(fields: AddFields): AddOutcome {
    const existing = this.users.get(fields.userId);
    if (existing) return { kind: 'exists', user: { ...existing } };
    const user: ModelUser = {
      userId: fields.userId,
      email: fields.email,
      firstName: fields.firstName,
      lastName: fields.lastName,
      status: 'active',
      customerId: fields.customerId ?? null,
      id: undefined,
    };
    this.users.set(user.userId, user);
    this.everAdded.add(user.userId);
    return { kind: 'created', user: { ...user } };
  }

  /**
   * PUT: the given fields replace the stored ones. An omitted optional field becomes unknown: keeping it
   * is what the document implies (vaa/update-user/keeps-omitted-fields checks that), not what it shows.
   */
  modify(fields: ModifyFields): ChangeOutcome {
    const existing = this.users.get(fields.userId);
    if (!existing) return { kind: 'unknown-user' };
    const user: ModelUser = {
      ...existing,
      email: fields.email,
      firstName: fields.firstName,
      lastName: fields.lastName,
      customerId: fields.customerId,
    };
    this.users.set(user.userId, user);
    return { kind: 'changed', user: { ...user } };
  }

  /** Deactivate / reactivate: only `status` changes. */
  setStatus(userId: string, status: UserStatus): ChangeOutcome {
    const existing = this.users.get(userId);
    if (!existing) return { kind: 'unknown-user' };
    const user = { ...existing, status };
    this.users.set(userId, user);
    return { kind: 'changed', user: { ...user } };
  }

  /** DELETE: the user is gone; a second DELETE finds no user. */
  remove(userId: string): boolean {
    return this.users.delete(userId);
  }

  /** GET ?userId= */
  withUserId(userId: string): ModelUser[] {
    const user = this.users.get(userId);
    return user ? [{ ...user }] : [];
  }

  /** GET ?email= */
  withEmail(email: string): ModelUser[] {
    return this.all().filter((user) => user.email === email);
  }

  /** Fills in what the document leaves open from the target's answer; known values are never replaced. */
  learn(userId: string, observed: Record<string, unknown>): void {
    const user = this.users.get(userId);
    if (!user) return;
    const learned = { ...user };
    if (learned.firstName === undefined && typeof observed['firstName'] === 'string') learned.firstName = observed['firstName'];
    if (learned.lastName === undefined && typeof observed['lastName'] === 'string') learned.lastName = observed['lastName'];
    if (learned.customerId === undefined && (typeof observed['customerId'] === 'string' || observed['customerId'] === null)) learned.customerId = observed['customerId'];
    if (learned.id === undefined && typeof observed['id'] === 'string') learned.id = observed['id'];
    this.users.set(userId, learned);
  }
}

/** The fields of a model user a target's answer must show, leaving out what is not known yet. */
export function expectedFields(user: ModelUser): Record<string, unknown> {
  const fields: Record<string, unknown> = { userId: user.userId, email: user.email, status: user.status };
  if (user.customerId !== undefined) fields['customerId'] = user.customerId;
  if (user.firstName !== undefined) fields['firstName'] = user.firstName;
  if (user.lastName !== undefined) fields['lastName'] = user.lastName;
  if (user.id !== undefined) fields['id'] = user.id;
  return fields;
}
