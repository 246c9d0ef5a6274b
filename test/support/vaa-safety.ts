// What the vaa safety proofs judge by: the target's own record and state, never certify's view of
// itself. Users that exist before a run (the document's two and two more, one of them named like a run
// user), the writes the target received that name one of them, what the target still holds afterwards,
// and the secrets a run had (found in what the target received and answered).
import { request } from 'undici';
import { DEFAULT_SETTINGS } from '../../mock/server.ts';
import type { ProxiedRequest, ProxiedResponse, Rewrites } from './certify.ts';
import { writesNaming, type Received } from './safety.ts';
import { pathOf } from './certify.ts';

const TOKEN = DEFAULT_SETTINGS.vaa.token;

export interface TargetUser {
  userId: string;
  email: string;
  id: string;
  [field: string]: unknown;
}

/** Every user the target holds, read directly (not through certify). */
export async function usersOf(upstream: string): Promise<TargetUser[]> {
  const answer = await request(`${upstream}/api/v2/users`, { headers: { 'x-lxt-api-token': TOKEN } });
  const body = (await answer.body.json()) as { data?: TargetUser[] };
  return Array.isArray(body.data) ? body.data : [];
}

/** Adds users besides the document's two before the run: one an ordinary user, one whose userId starts like every run prefix. */
export async function addPreExistingUsers(upstream: string): Promise<TargetUser[]> {
  for (const user of [
    { userId: 'alice', email: 'alice@corp.example', firstName: 'Alice', lastName: 'Existing', customerId: 'corp-1', customerName: 'Corp' },
    { userId: 'uacvictim', email: 'uacvictim@corp.example', firstName: 'Victim', lastName: 'Lookalike' },
  ]) {
    const answer = await request(`${upstream}/api/v2/users`, { method: 'POST', headers: { 'x-lxt-api-token': TOKEN, 'content-type': 'application/json' }, body: JSON.stringify(user) });
    await answer.body.dump();
  }
  return usersOf(upstream);
}

/** What names a vaa user in a write: these fields in the body or the query (never the path). */
export const VAA_IDENTITY_FIELDS = ['userId', 'email', 'id', 'customerId'];

/** The writes (not GET) the target received that carry a userId, email or id of one of `users`. */
export function writesTo(received: readonly Received[], users: readonly TargetUser[]): Received[] {
  return writesNaming(received.filter((entry) => pathOf(entry).startsWith('/api/v2/users')), users.flatMap((user) => [user.userId, user.email, user.id]), VAA_IDENTITY_FIELDS);
}

/** Rewrites that also note every token a login answered (an obtained credential: a secret). */
export function notingTokens(rewrites: Rewrites, tokens: Set<string>): Rewrites {
  return {
    ...rewrites,
    response: async (response: ProxiedResponse, sent: ProxiedRequest) => {
      if (pathOf(sent) === '/api/v2/login') {
        try {
          const token = (JSON.parse(response.body.toString('utf8')) as { token?: unknown }).token;
          if (typeof token === 'string') tokens.add(token);
        } catch {
          // Not JSON: no token.
        }
      }
      return rewrites.response ? rewrites.response(response, sent) : response;
    },
  };
}

/** The passwords the run gave users (POST and PUT bodies), long enough to be anyone's secret. */
export function passwordsSent(received: readonly Received[]): string[] {
  const passwords = new Set<string>();
  for (const entry of received) {
    if (entry.method === 'GET') continue;
    try {
      const password = (JSON.parse(entry.body) as { password?: unknown }).password;
      if (typeof password === 'string' && password.length >= 8) passwords.add(password);
    } catch {
      // Not JSON: the malformed-body checks carry no password.
    }
  }
  return [...passwords];
}
