// What differs between the Tyk API's profiles, in one place: how a user is answered, the answers' literals
// and the statuses of the refusals the two specs give differently. Everything else (state, permissions,
// what each operation does) is shared; the handlers ask their profile and never test its name.
//
// `document` (specs/tyk.openapi.yaml): the source document's Dashboard. Users are answered with the
// document's fields except `password` (quirk password-hash-returned: the Tyk Go SDK rejects a user that
// carries it). `tyk-5.8` (specs/tyk-5.8.openapi.yaml): Dashboard 5.8 from the facts.
import type { Profile } from '../../../specs/apis.ts';
import type { User as DocumentUser, UserCreated as DocumentUserCreated } from '../../../specs/types/tyk.ts';
import type { User as Dashboard58User, UserCreated as Dashboard58UserCreated } from '../../../specs/types/tyk-5.8.ts';
import type { StoredUser } from './users.ts';

/** How a body the spec refuses is answered: the status and the sentence that leads the message. */
export interface BodyRefusal {
  status: number;
  sentence: string;
}

export interface TykProfile {
  name: Profile;
  /** A user as answered (Get User, the list, the admin answers' `Meta`). */
  present(user: StoredUser): object;
  /** Add User's answer. */
  created(user: StoredUser): object;
  /** `Meta` of Delete User's and Set User Password's answers. */
  doneMeta: '' | null;
  /** `pages` of a list answered without paging (`p` absent or <= 0), for `total` users. */
  pagesOfEverything(total: number): number;
  /** 403 for a caller without the permission a call needs. */
  accessDenied: string;
  /** 404 of the admin reset-password actions for an unknown id. */
  adminActionUserNotFound: string;
  /** Set User Password's refusal of a missing or wrong current password (400 and 403 in the document, 403 in 5.8). */
  missingCurrentPasswordStatus: number;
  /** Update User with `user_permissions` {} is refused (5.8's 403 "To create a user specify at least one permission, ..."). */
  refusesEmptyPermissions: boolean;
  /** How each operation answers an invalid body; one not listed answers USER_OBJECT_INVALID. */
  bodyRefusals: Readonly<Record<string, BodyRefusal>>;
}

export const PAGE_SIZE = 10;

/** Go's zero time, what a Go server (the Dashboard) writes for a time never set (quirk zero-time-for-never). */
const NEVER = '0001-01-01T00:00:00Z';

/** The facts' 400 for a body that is not a valid User Object. */
export const USER_OBJECT_INVALID: BodyRefusal = { status: 400, sentence: 'User object validation failed' };
/** Both profiles: the facts' 403 of the admin update, User Object validation elsewhere. */
const USER_BODY_REFUSALS: Readonly<Record<string, BodyRefusal>> = { updateAdminUser: { status: 403, sentence: 'Request body malformed' } };

export const DOCUMENT: TykProfile = {
  name: 'document',
  // Keys in the document's order.
  present: (user): DocumentUser => ({
    api_model: {},
    first_name: user.first_name,
    last_name: user.last_name,
    email_address: user.email_address,
    org_id: user.org_id,
    active: user.active,
    id: user.id,
    access_key: user.access_key,
    user_permissions: user.user_permissions,
  }),
  created: (): DocumentUserCreated => ({ Status: 'OK', Message: 'User created', Meta: '' }),
  doneMeta: '',
  // As the document's sample shows it (quirk list-pages-zero).
  pagesOfEverything: () => 0,
  accessDenied: 'access denied: You do not have permission to access /api/users',
  adminActionUserNotFound: 'Could not retrieve user detail.',
  missingCurrentPasswordStatus: 400,
  refusesEmptyPermissions: false,
  bodyRefusals: {
    ...USER_BODY_REFUSALS,
    setUserPassword: { status: 400, sentence: 'Password object validation failed' },
    resetUserSession: { status: 400, sentence: 'Request object validation failed' },
  },
};

export const DASHBOARD_5_8: TykProfile = {
  name: 'tyk-5.8',
  // The fields of the 5.8 OpenAPI's User, no other (the Go SDK decodes with unknown fields disallowed).
  present: (user): Dashboard58User => ({
    id: user.id,
    org_id: user.org_id,
    first_name: user.first_name,
    last_name: user.last_name,
    email_address: user.email_address,
    active: user.active,
    access_key: user.access_key,
    api_model: {},
    user_permissions: user.user_permissions,
    group_id: '',
    created_at: user.created_at ?? NEVER,
    last_login_date: NEVER,
    password_max_days: 0,
    password_updated: user.password_updated ?? NEVER,
  }),
  created: (user): Dashboard58UserCreated => ({ Status: 'OK', Message: 'User and session have been created', Meta: user.id }),
  doneMeta: null,
  pagesOfEverything: (total) => Math.ceil(total / PAGE_SIZE),
  // Two spaces before the path, as the facts' 5.8 table gives it.
  accessDenied: 'access denied: You do not have permission to access  /api/users',
  adminActionUserNotFound: 'Could not retrieve user detail',
  missingCurrentPasswordStatus: 403,
  refusesEmptyPermissions: true,
  bodyRefusals: {
    ...USER_BODY_REFUSALS,
    setUserPassword: { status: 403, sentence: 'Request body malformed' },
    searchUsersByFilters: { status: 400, sentence: 'Could not extract search filter from request body' },
  },
};
