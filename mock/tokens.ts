// Login tokens of the APIs that issue them (vaa's login, Checkmarx's token endpoint): kept under the
// token's SHA-256, never the token itself (a state file holds nothing a client could send), with their
// expiry, in the order they were issued. Each login looks at the oldest few only: it drops those that
// expired and, past a cap, the oldest live one. So a login costs the same after 5,000 logins as after
// one, and a login flood holds at most the cap in memory.
import { createHash } from 'node:crypto';
import type { Collection } from './store.ts';

export interface IssuedToken<Subject> {
  subject: Subject;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Tokens looked at per login: more than the one it adds, so a backlog of expired ones drains. */
const EXAMINED_PER_LOGIN = 2;

export function tokenKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whose `token` is, while it lives. */
export function findToken<Subject>(tokens: Collection<IssuedToken<Subject>>, token: string, now = Date.now()): Subject | undefined {
  const issued = tokens.get(tokenKey(token));
  return issued !== undefined && issued.expiresAt > now ? issued.subject : undefined;
}

/** Keeps a newly issued token, first dropping what expired and, at `maxLive` tokens, the oldest. */
export function keepToken<Subject>(tokens: Collection<IssuedToken<Subject>>, token: string, issued: IssuedToken<Subject>, maxLive: number, now = Date.now()): void {
  for (const [key, oldest] of tokens.firstEntries(EXAMINED_PER_LOGIN)) {
    // `!(... > now)`: a record without an expiry (a converted earlier state) counts as expired.
    if (!(oldest.expiresAt > now) || tokens.size >= maxLive) tokens.delete(key);
  }
  tokens.set(tokenKey(token), issued);
}
