// Checkmarx targets that misbehave the way real servers do (issue 8), and the judge of a run against
// one: the target's own record of what it received (never certify's view of itself) must show no write
// to a user that existed before the run; the inventory proof must report what really happened to them;
// the clean-up report must match what the target still holds; no secret may reach any output.
import { expect } from 'vitest';
import type { CertifyRun, ProxiedRequest, ProxiedResponse, Rewrites } from './certify.ts';
import { CLIENT_SECRET, handlers, isRunName, patched, userIdOf, usersOf } from './checkmarx-targets.ts';
import { leaksIn, outputsOf, writesNaming, type Received } from './safety.ts';
import type { AnyApiModule } from '../../mock/module.ts';

/** What a hostile target shares with its test: the record of what it received, and what it did on its own. */
export interface Scene {
  received: Received[];
  /** Tokens the target issued (read from its token answers). */
  issued: string[];
  /** Users the target gave a deleted run user's id to, and when (an index into `received`). */
  intruders: Array<{ id: number; at: number }>;
}

export interface Hostile {
  name: string;
  module?: (scene: Scene) => AnyApiModule;
  response?: (response: ProxiedResponse, request: ProxiedRequest) => ProxiedResponse;
  /** What the inventory proof must report: the pre-existing users the target itself changed. */
  changedByTarget?: string[];
}

const strip = ({ passwordHash: _hash, creationDate: _date, ...user }: any): Record<string, unknown> => user;
const withBody = (response: ProxiedResponse, body: unknown): ProxiedResponse => ({ ...response, headers: { ...response.headers, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) });

export const HOSTILE: Hostile[] = [
  {
    // One id in three answers the first user, one a neighbour (the id below), one every user.
    name: 'GET /Users/{id} answers the wrong users (the first user, a neighbour, every user)',
    module: () =>
      patched({
        getUser: async (request, context) => {
          const id = Number(request.pathParameters['id']);
          const users = [...context.state.users.values()].sort((a: any, b: any) => a.id - b.id);
          if (id % 3 === 0) return { status: 200, body: strip(users[0]) };
          if (id % 3 === 1) return { status: 200, body: strip([...users].reverse().find((user: any) => user.id < id) ?? users[0]) };
          return { status: 200, body: users.map(strip) };
        },
      }),
  },
  {
    name: 'a deleted user\'s id is given at once to someone else\'s new user, and another administrator edits Marci meanwhile',
    changedByTarget: ['10'],
    module: (scene) =>
      patched({
        deleteUser: async (request, context) => {
          const id = Number(request.pathParameters['id']);
          const deleted = context.state.users.get(String(id));
          const reply = await handlers['deleteUser']!(request, context);
          if (reply.status === 204 && isRunName(deleted?.userName)) {
            context.state.users.set(String(id), { ...deleted, userName: `intruder${id}`, email: `intruder${id}@example.org`, firstName: 'Someone', lastName: 'Else', passwordHash: null });
            scene.intruders.push({ id, at: scene.received.length });
            const marci = context.state.users.get('10');
            if (marci && marci.jobTitle !== 'Edited meanwhile') context.state.users.set('10', { ...marci, jobTitle: 'Edited meanwhile' });
          }
          return reply;
        },
      }),
  },
  {
    name: 'DELETE answers 204 and keeps the user',
    module: () => patched({ deleteUser: (request, context) => (context.state.users.has(request.pathParameters['id']) ? { status: 204 } : handlers['deleteUser']!(request, context)) }),
  },
  {
    name: 'a create answers the Location of another user (the admin, id 1)',
    response: (response, request) => (request.method === 'POST' && response.headers['location'] ? { ...response, headers: { ...response.headers, location: response.headers['location'].replace(/\d+$/, '1') } } : response),
  },
  {
    name: 'every answer reflects the request\'s headers and body',
    response: (response, request) => {
      const echo = { headers: request.headers, body: request.body.toString('utf8'), authorization: encodeURIComponent(request.headers['authorization'] ?? '') };
      const headers = { ...response.headers, 'x-request-echo': encodeURIComponent(JSON.stringify(request.headers)) };
      if (response.body.length === 0) return response.status === 204 ? { ...response, headers } : withBody({ ...response, headers }, { message: 'request refused', echo });
      try {
        const body = JSON.parse(response.body.toString('utf8'));
        return withBody({ ...response, headers }, Array.isArray(body) ? [...body, { echo }] : { ...body, echo });
      } catch {
        return { ...response, headers, body: Buffer.from(`${response.body.toString('utf8')} (request: ${JSON.stringify(echo)})`) };
      }
    },
  },
];

/** Records what the target issued (tokens), then misbehaves as `hostile` says. */
export function sceneRewrites(scene: Scene, hostile: Hostile): Rewrites {
  return {
    response: (response, request) => {
      if (request.url.toLowerCase().includes('/connect/token')) {
        const token = (JSON.parse(response.body.toString('utf8') || '{}') as { access_token?: unknown }).access_token;
        if (typeof token === 'string') scene.issued.push(token);
      }
      return hostile.response ? hostile.response(response, request) : response;
    },
  };
}

/** Every secret of the run as the target saw it: the credentials given, the tokens it issued, every password sent. */
export function secretsOf(scene: Scene, given: Array<{ label: string; value: string }>): Array<{ label: string; value: string }> {
  const passwords = scene.received.flatMap((request) => {
    try {
      const body = request.body.trim().startsWith('{') ? (JSON.parse(request.body) as { password?: unknown }) : Object.fromEntries(new URLSearchParams(request.body));
      return typeof body.password === 'string' && body.password.length >= 8 ? [body.password] : [];
    } catch {
      return [];
    }
  });
  return [
    ...given,
    { label: 'client secret', value: CLIENT_SECRET },
    ...scene.issued.map((value, index) => ({ label: `issued token ${index}`, value })),
    ...[...new Set(passwords)].map((value, index) => ({ label: `password sent ${index}`, value })),
  ];
}

/** Whether a write's body names one of `users` in a field that names a user (username, userName, email; any case). */
/**
 * The judge: no write named a pre-existing user (by id in the path, or by name or address in a body);
 * the inventory proof says exactly which pre-existing users changed (those the target changed itself);
 * the clean-up's "left behind" is what the target still holds; no secret in any output.
 */
export async function judge(run: CertifyRun, upstream: string, scene: Scene, before: Array<Record<string, unknown>>, hostile: Hostile, secrets: Array<{ label: string; value: string }>): Promise<void> {
  const preIds = before.map((user) => Number(user['id']));
  // The password grant (a POST naming the run's own login) changes no user.
  const writes = scene.received.filter((request) => request.method !== 'GET' && !request.url.toLowerCase().includes('/connect/token'));
  expect(writes.filter((request) => preIds.includes(userIdOf(request) ?? -1)).map((request) => `${request.method} ${request.url}`)).toEqual([]);
  expect(writesNaming(writes, before.flatMap((user) => [String(user['userName']), String(user['email'])]), ['username', 'userName', 'email']).map((request) => `${request.method} ${request.url}`)).toEqual([]);
  for (const intruder of scene.intruders) {
    expect(writes.filter((request) => scene.received.indexOf(request) >= intruder.at && userIdOf(request) === intruder.id).map((request) => `${request.method} ${request.url}`)).toEqual([]);
  }

  const safety = run.report!.safety;
  expect(safety.proof).toBe('made');
  expect(safety.preExistingUsers).toBe(before.length);
  expect(safety.missing).toEqual([]);
  expect(safety.changed.map((change) => change.id).sort()).toEqual([...(hostile.changedByTarget ?? [])].sort());
  expect(safety.unchanged).toBe(before.length - (hostile.changedByTarget ?? []).length);
  if (hostile.changedByTarget?.length) expect(run.report!.verdict).toBe('not-certified');

  const now = await usersOf(upstream);
  for (const intruder of scene.intruders) expect(now.find((user) => user['id'] === intruder.id)?.['userName']).toBe(`intruder${intruder.id}`);
  const heldNames = now.filter((user) => isRunName(user['userName']) || isRunName(user['email'])).map((user) => String(isRunName(user['userName']) ? user['userName'] : user['email']).toLowerCase().replace(/@.*$/, '')).sort();
  const leftNames = run.report!.cleanup.leftBehind.map((left) => String(left.names['username'] ?? left.names['email']).toLowerCase().replace(/@.*$/, '')).sort();
  expect(leftNames, JSON.stringify(run.report!.cleanup.leftBehind.slice(0, 3))).toEqual(heldNames);
  const deletedNames = new Set(run.report!.cleanup.deleted.map((deleted) => String(deleted.names['username'] ?? deleted.names['email']).toLowerCase()));
  expect(heldNames.filter((name) => deletedNames.has(name))).toEqual([]);

  expect(leaksIn(outputsOf(run), secrets, ['admin'])).toEqual([]);
}
