// What the target's installation has: the role, team, provider and locale ids its users already use.
// The document's ids (role 1, teams 1/11/12, provider 1) are the sample installation's; a created user
// only ever gets ids the target itself shows, discovered once per run, never assumed.
import type { CheckContext } from '../harness/check.ts';
import type { RunConfig } from '../harness/config.ts';
import { HttpClient } from '../harness/http.ts';
import { CheckmarxDriver } from './driver.ts';
import { MEDIA_TYPE, PROVIDERS_PATH, TEAMS_PATH } from './operations.ts';
import { listUsers } from './reads.ts';

export interface Installation {
  /** Roles held by some user other than the run's own (least privilege first); all roles when none is. */
  roles: number[];
  /**
   * Sets of team ids a user can have as they are: the root teams alone, and the sets existing users have.
   * (The document's samples show chains of a team and its parents, [1, 11, 12]: a server may keep a
   * user's teams closed under that; a set taken from an existing user already is.)
   */
  teamSets: number[][];
  /** The built-in (non-external) provider when the target lists providers; else the run's own user's. */
  providerId: number | undefined;
  localeId: number | undefined;
}

const discovered = new WeakMap<RunConfig, Promise<Installation>>();

/** The installation's ids, as a step the check needs (a failure blocks it as listUsers'). */
export function installationOf(context: CheckContext): Promise<Installation> {
  return context.prerequisite('GET /Users (the ids the target\'s users use)', () => discover(context.config));
}

/** Discovers (once per run) the ids a created user may refer to, from the target itself. */
export function discover(config: RunConfig): Promise<Installation> {
  let found = discovered.get(config);
  if (!found) {
    found = discoverNow(config);
    discovered.set(config, found);
    found.catch(() => discovered.delete(config));
  }
  return found;
}

async function discoverNow(config: RunConfig): Promise<Installation> {
  const driver = new CheckmarxDriver(new HttpClient(config), config);
  const { users } = await listUsers(driver, 'GET /Users (the ids the target\'s users use)');
  const integers = (value: unknown): number[] => (Array.isArray(value) ? value.filter((item): item is number => Number.isSafeInteger(item)) : []);
  const self = users.find((user) => typeof user['userName'] === 'string' && user['userName'].toLowerCase() === (config.credentials.username ?? '').toLowerCase());
  const ownRoles = new Set(integers(self?.['roleIds']));
  const allRoles = sortedUnique(users.flatMap((user) => integers(user['roleIds'])));
  const otherRoles = allRoles.filter((role) => !ownRoles.has(role));

  const observed = users.map((user) => sortedUnique(integers(user['teamIds']))).filter((set) => set.length > 0).sort((a, b) => a.length - b.length);
  const roots: number[][] = [];
  // Teams and providers are not in the document (facts: real clients list them): used when there.
  const teamList = await driver.send({ method: 'GET', path: TEAMS_PATH, headers: { accept: MEDIA_TYPE } });
  if (teamList.response.status === 200 && Array.isArray(teamList.response.json)) {
    const teams = (teamList.response.json as Array<{ id?: unknown; parentId?: unknown }>).filter((team) => Number.isSafeInteger(team.id));
    const known = new Set(teams.map((team) => team.id));
    for (const team of teams) if (!known.has(team.parentId)) roots.push([team.id as number]);
  }
  const teamSets = [...new Map([...roots, ...observed].map((set) => [set.join(','), set])).values()];

  let providerId: number | undefined;
  const providers = await driver.send({ method: 'GET', path: PROVIDERS_PATH, headers: { accept: MEDIA_TYPE } });
  if (providers.response.status === 200 && Array.isArray(providers.response.json)) {
    const builtIn = (providers.response.json as Array<{ id?: unknown; providerType?: unknown; isExternal?: unknown }>).find(
      (provider) => Number.isSafeInteger(provider.id) && (String(provider.providerType).toLowerCase() === 'application' || provider.isExternal === false),
    );
    if (builtIn) providerId = builtIn.id as number;
  }
  if (providerId === undefined && Number.isSafeInteger(self?.['authenticationProviderId'])) providerId = self?.['authenticationProviderId'] as number;
  providerId ??= mostCommon(users.map((user) => user['authenticationProviderId']).filter((id): id is number => Number.isSafeInteger(id)));

  const localeId = mostCommon(users.map((user) => user['localeId']).filter((id): id is number => Number.isSafeInteger(id)));
  return { roles: otherRoles.length > 0 ? otherRoles : allRoles, teamSets, providerId, localeId };
}

function sortedUnique(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function mostCommon(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: number | undefined;
  for (const [value, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  return best;
}
