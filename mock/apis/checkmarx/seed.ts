// What the mock starts with: the installation's roles, teams and authentication providers (both seeds),
// and either the document's two sample users or, seeded empty, a service account for the configured
// administrator.
import type { AuthenticationProvider, Team } from '../../../specs/types/checkmarx.ts';
import type { MockSettings, SeedName } from '../../module.ts';
import { hashPassword } from '../../passwords.ts';
import { APPLICATION_PROVIDER_ID, MANAGE_USERS, type CheckmarxState, type Role, type StoredUser } from './state.ts';

const SEED_ROLES: Role[] = [
  { id: 1, name: 'Admin', permissions: [MANAGE_USERS] },
  { id: 2, name: 'Reviewer', permissions: [] },
];

// The teams the document's users belong to, as the classic CxSAST hierarchy names them.
const SEED_TEAMS: Team[] = [
  { id: 1, name: 'CxServer', fullName: '/CxServer', parentId: 0 },
  { id: 11, name: 'SP', fullName: '/CxServer/SP', parentId: 1 },
  { id: 12, name: 'Company', fullName: '/CxServer/SP/Company', parentId: 11 },
  { id: 18, name: 'Users', fullName: '/CxServer/SP/Company/Users', parentId: 12 },
];

// Provider 1 is the built-in one; the document's Marci belongs to provider 3.
const SEED_AUTHENTICATION_PROVIDERS: AuthenticationProvider[] = [
  { id: APPLICATION_PROVIDER_ID, name: 'Application', providerId: 1, providerType: 'Application', isExternal: false, active: true },
  { id: 3, name: 'corp.example.com', providerId: 1, providerType: 'LDAP', isExternal: true, active: true },
];

/** The document's two sample users; the obfuscated e-mail addresses become plausible ones. */
function documentUsers(settings: MockSettings): Array<Omit<StoredUser, 'passwordHash'> & { password: string }> {
  return [
    {
      id: 1,
      userName: settings.checkmarx.username,
      lastLoginDate: '2018-07-17T13:48:06.6800933Z',
      roleIds: [1],
      teamIds: [1, 11, 12],
      authenticationProviderId: 1,
      firstName: 'Inbal',
      lastName: 'Mon',
      email: 'inbal.mon@example.com',
      phoneNumber: '',
      cellPhoneNumber: '',
      jobTitle: 'Admin',
      other: '',
      country: 'Algeria',
      active: true,
      expirationDate: '2021-03-04T07:55:58.0201439Z',
      allowedIpList: [],
      localeId: 1,
      creationDate: null,
      password: settings.checkmarx.password,
    },
    {
      id: 10,
      userName: settings.checkmarx.limitedUsername,
      lastLoginDate: '2018-06-14T07:39:15.503093Z',
      roleIds: [2],
      teamIds: [1, 11, 12, 18],
      authenticationProviderId: 3,
      firstName: 'Marci',
      lastName: 'Mar',
      email: 'marci.mar@example.com',
      phoneNumber: '',
      cellPhoneNumber: '',
      jobTitle: '',
      other: '',
      country: '',
      active: true,
      expirationDate: null,
      allowedIpList: [],
      localeId: 1,
      creationDate: null,
      password: settings.checkmarx.limitedPassword,
    },
  ];
}

export async function seed(state: CheckmarxState, seedName: SeedName, settings: MockSettings): Promise<void> {
  // Roles, teams and providers are the installation's, not users: both seeds have them.
  for (const role of SEED_ROLES) state.roles.set(String(role.id), role);
  for (const team of SEED_TEAMS) state.teams.set(String(team.id), team);
  for (const provider of SEED_AUTHENTICATION_PROVIDERS) state.authenticationProviders.set(String(provider.id), provider);
  if (seedName === 'empty') {
    const { username, password } = settings.checkmarx;
    state.serviceAccounts.set(username.toLowerCase(), { username, passwordHash: await hashPassword(password) });
    state.counters.set('nextUserId', 1);
    return;
  }
  for (const { password, ...user } of documentUsers(settings)) {
    state.users.set(String(user.id), { ...user, passwordHash: await hashPassword(password) });
  }
  state.counters.set('nextUserId', 11);
}
