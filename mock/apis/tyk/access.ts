// Who is calling and whether they may call the operation, from the operation's `x-tyk-permission` in the
// spec: a user's access key in `authorization` (raw or `Bearer <key>`) checked against the user's
// `user_permissions`, or the admin secret in `admin-auth`.
import type { IHttpOperation } from '@stoplight/types';
import type { UserPermissions } from '../../../specs/types/tyk.ts';
import type { MockReply, MockRequest, MockSettings } from '../../module.ts';
import { errorEnvelope, NOT_AUTHORISED } from './replies.ts';
import type { TykProfile } from './profiles.ts';
import { DOCUMENTS_ORG_ID, type TykState } from './users.ts';

export interface Principal {
  /** How the caller proved who they are. */
  via: 'access-key' | 'admin-secret';
  /** The organisation users are added to: the caller's (the admin secret spans the mock's one). */
  orgId: string;
  /** The calling user; absent for the admin secret and for the configured key of a mock seeded empty. */
  userId?: string;
}

type Level = 'read' | 'write';

/** The `x-tyk-permission` an operation declares in the spec. */
type Requirement =
  | { via: 'user_permissions'; object: string; level: Level; otherUserLevel?: Level }
  | { via: 'access-key' }
  | { via: 'admin-auth' };

type Decision = { principal: Principal } | { refusal: MockReply };

/** The key in `authorization`, sent raw (the document) or as `Bearer <key>` (the Go SDK), any case. */
function accessKeyOf(header: string | undefined): string | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  const bearer = /^bearer\s+(.*)$/i.exec(value);
  const key = bearer ? bearer[1]!.trim() : value;
  return key === '' ? undefined : key;
}

const isLevel = (value: unknown): value is Level => value === 'read' || value === 'write';

/** The operation's `x-tyk-permission`; undefined when the spec lost it (then only an admin may call it). */
function requirementOf(operation: IHttpOperation): Requirement | undefined {
  const declared = operation.extensions?.['x-tyk-permission'] as Partial<Record<string, unknown>> | undefined;
  if (declared?.['via'] === 'admin-auth') return { via: 'admin-auth' };
  if (declared?.['via'] === 'access-key') return { via: 'access-key' };
  const { object, level, otherUserLevel } = declared ?? {};
  if (declared?.['via'] === 'user_permissions' && typeof object === 'string' && isLevel(level)) {
    return { via: 'user_permissions', object, level, ...(isLevel(otherUserLevel) ? { otherUserLevel } : {}) };
  }
  return undefined;
}

/**
 * The level the call needs: `otherUserLevel` when it acts on another user than the caller (Set User
 * Password: read for one's own, write for another's; quirk set-password-read-for-own-write-for-others).
 */
function levelNeeded(requirement: Extract<Requirement, { via: 'user_permissions' }>, request: MockRequest, callerId: string | undefined): Level {
  const subject = request.pathParameters['USER_ID'];
  return requirement.otherUserLevel !== undefined && subject !== callerId ? requirement.otherUserLevel : requirement.level;
}

function mayCall(permissions: UserPermissions, requirement: Requirement | undefined, request: MockRequest, callerId: string | undefined): boolean {
  if (permissions['IsAdmin'] === 'admin') return true;
  if (requirement?.via === 'access-key') return true;
  if (requirement?.via !== 'user_permissions') return false;
  const granted = permissions[requirement.object];
  return granted === 'write' || (granted === 'read' && levelNeeded(requirement, request, callerId) === 'read');
}

export function authenticate(profile: TykProfile, request: MockRequest, state: TykState, settings: MockSettings): Decision {
  const requirement = requirementOf(request.operation);
  if (requirement?.via === 'admin-auth') {
    // The admin endpoints ignore `authorization`: the secret alone decides.
    if (request.headers['admin-auth'] !== settings.tyk.adminSecret) return { refusal: errorEnvelope(401, NOT_AUTHORISED) };
    return { principal: { via: 'admin-secret', orgId: DOCUMENTS_ORG_ID } };
  }

  const key = accessKeyOf(request.headers['authorization']);
  const owner = key === undefined ? undefined : state.accessKeys.get(key);
  if (owner === undefined) return { refusal: errorEnvelope(401, NOT_AUTHORISED) };
  if (owner.userId === null) return { principal: { via: 'access-key', orgId: DOCUMENTS_ORG_ID } };
  const user = state.users.get(owner.userId);
  // An inactive user's key is refused like an unknown one (spec: User Object `active`).
  if (user === undefined || !user.active) return { refusal: errorEnvelope(401, NOT_AUTHORISED) };
  if (!mayCall(user.user_permissions, requirement, request, user.id)) return { refusal: errorEnvelope(403, profile.accessDenied) };
  return { principal: { via: 'access-key', orgId: user.org_id, userId: user.id } };
}
