// The reads the Checkmarx checks share, each failing as the operation it judges: a list, a user by id,
// a user still as it was after a refused write, no user made by a refused create, a deleted user gone.
import { answerOf, fail } from '../harness/expect.ts';
import type { Exchange } from '../harness/http.ts';
import { expectAnswer, expectUserValues } from './assertions.ts';
import type { CheckmarxDriver } from './driver.ts';
import type { Operation } from './operations.ts';

/** The users of GET /Users, or a failure of listUsers naming what came back instead. */
export async function listUsers(driver: CheckmarxDriver, what: string): Promise<{ users: Array<Record<string, unknown>>; exchange: Exchange }> {
  const exchange = await driver.list();
  expectAnswer(exchange, 'listUsers', 200, what);
  const body = exchange.response.json;
  if (!Array.isArray(body)) fail(`${what}: the body is not a JSON array of users`, '[{...user}, ...]', answerOf(exchange), { kind: exchange.response.json === undefined ? 'not-json' : 'schema', operation: 'listUsers', exchanges: [exchange] });
  return { users: body.filter((user): user is Record<string, unknown> => typeof user === 'object' && user !== null && !Array.isArray(user)), exchange };
}

/** The user with this id as GET /Users/{id} answers it (200, or the document's 201). */
export async function fetchUser(driver: CheckmarxDriver, id: number | string, what: string): Promise<{ user: Record<string, unknown>; exchange: Exchange }> {
  const exchange = await driver.get(id);
  expectAnswer(exchange, 'getUser', [200, 201], what);
  const user = exchange.response.json;
  if (typeof user !== 'object' || user === null || Array.isArray(user)) fail(`${what}: the body is not a user object`, '{"id": ..., "userName": ..., ...}', answerOf(exchange), { kind: user === undefined ? 'not-json' : 'schema', operation: 'getUser', exchanges: [exchange] });
  return { user: user as Record<string, unknown>, exchange };
}

/** After a refused write: the user still has `expected` (the refused `operation` changed it otherwise). */
export async function expectStillStored(driver: CheckmarxDriver, id: number, expected: Record<string, unknown>, operation: Operation, what: string): Promise<void> {
  const { user, exchange } = await fetchUser(driver, id, `GET /Users/${id} (${what})`);
  expectUserValues(user, expected, operation, `GET /Users/${id} (${what})`, exchange, 'not-refused');
}

/** After a refused create: no user has this name (the refused `operation` made one otherwise). */
export async function expectNoUserNamed(driver: CheckmarxDriver, userName: string, operation: Operation, what: string): Promise<void> {
  const { users, exchange } = await listUsers(driver, `GET /Users (${what})`);
  if (users.some((user) => user['userName'] === userName)) fail(`${what}: the user ${userName} was created anyway`, `no user named ${userName}`, answerOf(exchange), { kind: 'not-refused', operation, exchanges: [exchange] });
}

/** After DELETE: GET answers 404, or (a server that gives ids again) a user that is not this one. */
export async function expectGone(driver: CheckmarxDriver, id: number, userName: string, what: string): Promise<'gone' | 'reused'> {
  const exchange = await driver.get(id);
  const user = exchange.response.json as { userName?: unknown } | undefined;
  if (exchange.response.status === 404) return 'gone';
  if ((exchange.response.status === 200 || exchange.response.status === 201) && user?.userName !== userName) return 'reused';
  fail(`${what}: GET /Users/${id} answers HTTP ${exchange.response.status}${user?.userName === userName ? ' with the deleted user' : ''}`, 'HTTP 404 (User not found)', answerOf(exchange), { kind: 'use-after-delete', operation: 'deleteUser', exchanges: [exchange] });
}
