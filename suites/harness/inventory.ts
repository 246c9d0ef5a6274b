// The inventory proof: a read-only fingerprint of every user that existed before the run, compared with
// the same users after the clean-up. A pre-existing user changed or missing makes the run not certified,
// whatever the checks said. The listing goes through the write guard like every answer, so the ids it
// shows (with identities that are not the run's) become ids the ledger never lets the run write to: no
// later answer (a create that answers another user's id) can make the guard let a write reach them.
import { isDeepStrictEqual } from 'node:util';
import type { Inventory } from './api.ts';
import type { RunConfig } from './config.ts';
import { HttpClient } from './http.ts';

export interface Fingerprint {
  users: Map<string, Record<string, unknown>>;
}

export interface Safety {
  /** Whether the proof could be made (a listing before and after). */
  proof: 'made' | 'not-made';
  /** Why not, when not. */
  reason?: string;
  preExistingUsers: number;
  unchanged: number;
  changed: Array<{ id: string; fields: Array<{ field: string; before: unknown; after: unknown }> }>;
  missing: string[];
  /** Writes the guard refused to send (none of them left the machine). */
  refusedWrites: number;
}

export async function fingerprint(inventory: Inventory, config: RunConfig): Promise<Fingerprint | { unavailable: string }> {
  const listing = await inventory.list(config, new HttpClient(config)).catch((error: unknown) => ({ unavailable: (error as Error).message }));
  if ('unavailable' in listing) return { unavailable: listing.unavailable };
  const users = new Map<string, Record<string, unknown>>();
  for (const user of listing.users) {
    const id = inventory.idOf(user);
    if (id === undefined) continue;
    users.set(id, Object.fromEntries(inventory.fields.map((field) => [field, user[field]])));
  }
  return { users };
}

export function compare(before: Fingerprint | { unavailable: string } | undefined, after: Fingerprint | { unavailable: string } | undefined, refusedWrites: number): Safety {
  const empty = { preExistingUsers: 0, unchanged: 0, changed: [], missing: [], refusedWrites };
  if (!before || 'unavailable' in before) return { proof: 'not-made', reason: `the users could not be listed before the run: ${before?.unavailable ?? 'the run ended first'}`, ...empty };
  if (!after || 'unavailable' in after) {
    return { proof: 'not-made', reason: `the users could not be listed after the clean-up: ${after?.unavailable ?? 'the run ended first'}`, ...empty, preExistingUsers: before.users.size };
  }
  const safety: Safety = { proof: 'made', ...empty, changed: [], missing: [], preExistingUsers: before.users.size };
  for (const [id, fields] of before.users) {
    const now = after.users.get(id);
    if (!now) {
      safety.missing.push(id);
      continue;
    }
    const differences = Object.keys(fields)
      .filter((field) => !isDeepStrictEqual(fields[field], now[field]))
      .map((field) => ({ field, before: fields[field], after: now[field] }));
    if (differences.length === 0) safety.unchanged += 1;
    else safety.changed.push({ id, fields: differences });
  }
  return safety;
}

/** The one line every output shows first, e.g. "pre-existing users untouched: 4/4 verified". */
export function safetyLine(safety: Safety): string {
  if (safety.proof === 'not-made') return `pre-existing users: the proof could not be made (${safety.reason})`;
  const problems = [safety.changed.length ? `${safety.changed.length} CHANGED` : '', safety.missing.length ? `${safety.missing.length} MISSING` : ''].filter(Boolean).join(', ');
  return `pre-existing users untouched: ${safety.unchanged}/${safety.preExistingUsers} verified${problems ? ` (${problems})` : ''}`;
}

export function safetyHolds(safety: Safety): boolean {
  return safety.changed.length === 0 && safety.missing.length === 0;
}
