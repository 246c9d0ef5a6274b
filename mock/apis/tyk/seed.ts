// The users the mock starts with: the document's two listed users and the two its samples need but the
// list does not show (quirks sample-access-key-not-a-listed-user, sample-user-id-not-listed).
import type { MockSettings, SeedName } from '../../module.ts';
import { hashPassword } from '../../passwords.ts';
import { DOCUMENTS_ORG_ID, saveUser, timestamp, type StoredUser, type TykState } from './users.ts';

// The Dashboard admin that owns the configured access key (quirk sample-access-key-not-a-listed-user).
export const DASHBOARD_ADMIN_ID = '54b53d3aeba6db5c35000010';
// The user of the Set User Password sample (quirk sample-user-id-not-listed).
const SAMPLE_USER_ID = '54c25e845d932847067402e2';
const SAMPLE_USER_PASSWORD = '12345';

/** When an ObjectId was made: its first 4 bytes are the creation time in seconds. */
function createdAtOf(id: string): string {
  return timestamp(new Date(Number.parseInt(id.slice(0, 8), 16) * 1000));
}

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

export async function seed(state: TykState, seedName: SeedName, settings: MockSettings): Promise<void> {
  if (seedName === 'empty') {
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
    passwordHash: await hashPassword(SAMPLE_USER_PASSWORD),
  };
  for (const user of [...DOCUMENTED_USERS, dashboardAdmin, sampleUser]) {
    const createdAt = createdAtOf(user.id);
    saveUser(state, { ...user, created_at: createdAt, password_updated: user.passwordHash === null ? null : createdAt });
  }
}
