// The /Users, /Teams and /AuthenticationProviders operations: parse, change the state, answer.
import type { CreateUserModel, MigrationUserModel, UpdateUserModel } from '../../../specs/types/checkmarx.ts';
import type { Handler, HandlerContext, MockReply, MockRequest } from '../../module.ts';
import { hashPassword } from '../../passwords.ts';
import { errorBody, toApiUser, userLocation } from './replies.ts';
import { APPLICATION_PROVIDER_ID, takeUserId, userNameKey, type CheckmarxState, type Principal, type StoredUser } from './state.ts';
import { passwordProblem, readExpirationDate } from './user-fields.ts';

type CheckmarxHandler = Handler<CheckmarxState, Principal>;

const DEFAULT_LOCALE_ID = 1;

/** The user a path's `{id}` names, or a 404; Prism has already refused ids that are not integers. */
function findUser(state: CheckmarxState, request: MockRequest): { user: StoredUser } | { reply: MockReply } {
  const id = Number(request.pathParameters['id']);
  const user = Number.isSafeInteger(id) ? state.users.get(String(id)) : undefined;
  return user ? { user } : { reply: errorBody(404, `User not found: no user has id ${request.pathParameters['id']}.`) };
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

export const userHandlers: Record<string, CheckmarxHandler> = {
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
};
