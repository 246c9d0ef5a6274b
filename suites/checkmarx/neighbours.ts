// "Update user details according to User Id", "Delete a user according to User Id", "Create a new
// user": a write changes the user it names and no other. The neighbours a write must leave alone: a
// user of the run made the same way just before (the likeliest victim of a write that misses its
// target: the next id, the same name or address), and a user that existed before the run (read only).
import type { CheckContext } from '../harness/check.ts';
import { answerOf, fail } from '../harness/expect.ts';
import { fieldMismatches } from '../harness/fields.ts';
import { expectAnswer, stableFields } from './assertions.ts';
import type { CheckmarxDriver } from './driver.ts';
import { sameFieldValue } from './model.ts';
import type { Operation } from './operations.ts';
import { fetchUser, listUsers } from './reads.ts';
import { createdUser } from './users.ts';

export interface Neighbour {
  id: number;
  label: string;
  before: Record<string, unknown>;
}

/** A user of the run created with `body`'s shape and a user that existed before the run (when one is listed), as they are now. */
export async function neighboursOf(context: CheckContext, driver: CheckmarxDriver): Promise<Neighbour[]> {
  const { owned } = await createdUser(context, driver, 'neighbour');
  return context.prerequisite('GET /Users and GET /Users/{id} (the neighbours, before)', async () => {
    const neighbours: Neighbour[] = [{ id: owned.id, label: `the run's user ${owned.userName}`, before: stableFields(owned.user) }];
    const { users } = await listUsers(driver, 'GET /Users (a user that existed before the run)');
    const ledger = context.config.guard.ledger;
    const preExisting = users.find((user) => Number.isSafeInteger(user['id']) && !ledger.isRunName(user['userName']) && !ledger.isRunName(user['email']));
    if (preExisting) {
      const { user } = await fetchUser(driver, preExisting['id'] as number, `GET /Users/${String(preExisting['id'])}`);
      neighbours.push({ id: preExisting['id'] as number, label: `the pre-existing user ${String(preExisting['userName'])}`, before: stableFields(user) });
    }
    return neighbours;
  });
}

/** Each neighbour still exists with every field as before; otherwise `operation` reached it. */
export async function expectNeighboursIntact(driver: CheckmarxDriver, neighbours: readonly Neighbour[], operation: Operation, what: string): Promise<void> {
  for (const neighbour of neighbours) {
    const exchange = await driver.get(neighbour.id);
    const reached = { kind: 'neighbour-changed' as const, operation, exchanges: [exchange] };
    if (exchange.response.status === 404) fail(`${what} deleted ${neighbour.label} (GET /Users/${neighbour.id} answers 404)`, `${neighbour.label} untouched`, answerOf(exchange), reached);
    expectAnswer(exchange, 'getUser', [200, 201], `GET /Users/${neighbour.id} (${neighbour.label}, after ${what})`);
    const changed = fieldMismatches(stableFields(exchange.response.json as Record<string, unknown>), neighbour.before, sameFieldValue);
    if (changed.length > 0) fail(`${what} changed ${neighbour.label}: ${changed.join('; ')}`, neighbour.before, answerOf(exchange), reached);
  }
}
