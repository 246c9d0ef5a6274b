// The model-based checks' read commands: each list the target answers must be the model's (the users
// it has, no deleted one, a filter applied exactly); a difference is the list's, or for a deleted user
// still listed, the delete's.
import { answerOf, fail } from '../harness/expect.ts';
import type { Exchange } from '../harness/http.ts';
import { ANSWERS, expectAnswer, expectErrorEnvelope, usersOf } from './answers.ts';
import { expectedFields, type ModelUser } from './model.ts';
import { emailOf, expectModelUser, expectUnchanged, type ModelSide, type RealSide, type VaaCommand } from './model-steps.ts';

export class ListByUserIdCommand implements VaaCommand {
  readonly slot: number;
  constructor(slot: number) {
    this.slot = slot;
  }
  check(): boolean {
    return true;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const userId = side.names[this.slot] as string;
    await expectUnchanged(side, real, userId, 'list by userId', real.lastWrite.get(userId) ?? 'listUsers');
  }
  toString(): string {
    return `listByUserId(#${this.slot})`;
  }
}

/** Each of `expected` is in `users` once, as the model has it. */
function expectListed(side: ModelSide, real: RealSide, users: ReadonlyArray<Record<string, unknown>>, expected: readonly ModelUser[], what: string, exchange: Exchange): void {
  for (const user of expected) {
    const listed = users.filter((candidate) => candidate['userId'] === user.userId);
    if (listed.length !== 1) fail(`${what}: the user ${user.userId} appears ${listed.length} times`, `the user ${user.userId} once`, answerOf(exchange), { kind: 'model-divergence', operation: 'listUsers' });
    expectModelUser(side, real, user.userId, listed[0], `${what}, user ${user.userId}`, exchange);
  }
}

export class ListByEmailCommand implements VaaCommand {
  readonly slot: number;
  constructor(slot: number) {
    this.slot = slot;
  }
  check(): boolean {
    return true;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const email = side.model.get(side.names[this.slot] as string)?.email ?? emailOf(side.names, this.slot);
    const expected = side.model.withEmail(email);
    const exchange = await real.driver.list({ email });
    const what = `GET ?email=${email}`;
    if (expected.length === 0) return void (await expectAnswer(exchange, 'listUsers', what, ANSWERS.notFound));
    const users = usersOf((await expectAnswer(exchange, 'listUsers', what, ANSWERS.listed)).data);
    const others = users.filter((user) => user['email'] !== email);
    if (others.length > 0) fail(`${what}: answers users with another email (${others.slice(0, 3).map((user) => String(user['userId'])).join(', ')})`, expected.map(expectedFields), answerOf(exchange), { kind: 'model-divergence', operation: 'listUsers' });
    if (users.length !== expected.length) fail(`${what}: answers ${users.length} users, the model has ${expected.length}`, expected.map(expectedFields), answerOf(exchange), { kind: 'model-divergence', operation: 'listUsers' });
    expectListed(side, real, users, expected, what, exchange);
  }
  toString(): string {
    return `listByEmail(#${this.slot})`;
  }
}

/** GET without a filter lists every user of the model, and none of the sequence's deleted users. */
export class ListAllCommand implements VaaCommand {
  check(): boolean {
    return true;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const expected = side.model.all();
    const exchange = await real.driver.list();
    const what = 'GET /api/v2/users';
    // An empty unfiltered list is not shown by the document: either answer is a choice.
    if (expected.length === 0 && exchange.response.status === 400) return void (await expectAnswer(exchange, 'listUsers', what, ANSWERS.notFound));
    const users = usersOf((await expectAnswer(exchange, 'listUsers', what, ANSWERS.listed)).data);
    expectListed(side, real, users, expected, what, exchange);
    const gone = users.filter((user) => side.names.includes(user['userId'] as string) && !side.model.has(user['userId'] as string));
    const deleted = gone.filter((user) => side.model.wasEverAdded(user['userId'] as string));
    if (gone.length > 0) fail(`${what}: lists ${gone.map((user) => String(user['userId'])).join(', ')}, which ${gone.length === 1 ? 'was' : 'were'} deleted or never created`, 'no deleted user', answerOf(exchange), { kind: deleted.length > 0 ? 'use-after-delete' : 'model-divergence', operation: deleted.length > 0 ? 'deleteUser' : 'createUser' });
  }
  toString(): string {
    return 'listAll()';
  }
}

/** GET ?userId=A&email=B: how the two combine is open, but every user answered matches one of them. */
export class ListBothCommand implements VaaCommand {
  readonly userSlot: number;
  readonly emailSlot: number;
  constructor(userSlot: number, emailSlot: number) {
    this.userSlot = userSlot;
    this.emailSlot = emailSlot;
  }
  check(): boolean {
    return true;
  }
  async run(side: ModelSide, real: RealSide): Promise<void> {
    const userId = side.names[this.userSlot] as string;
    const email = side.model.get(side.names[this.emailSlot] as string)?.email ?? emailOf(side.names, this.emailSlot);
    const exchange = await real.driver.list({ userId, email });
    const what = `GET ?userId=${userId}&email=${email}`;
    const candidates = side.model.all().filter((user) => user.userId === userId || user.email === email);
    const both = candidates.filter((user) => user.userId === userId && user.email === email);
    // Both filters together are never shown: "nothing matches" may be any error in the envelope.
    if (candidates.length === 0 || (exchange.response.status >= 400 && exchange.response.status < 500)) {
      expectErrorEnvelope(exchange, 'listUsers', what);
      if (both.length > 0) fail(`${what}: "User(s) not found." although ${userId} matches both filters`, [expectedFields(both[0] as ModelUser)], answerOf(exchange), { kind: 'model-divergence', operation: 'listUsers' });
      return;
    }
    const users = usersOf((await expectAnswer(exchange, 'listUsers', what, ANSWERS.listed)).data);
    // Only this sequence's users can carry its userIds and emails: anyone else matches neither filter.
    const strangers = users.filter((user) => !candidates.some((candidate) => candidate.userId === user['userId']));
    if (strangers.length > 0) fail(`${what}: answers users that match neither filter or no longer exist (${strangers.slice(0, 3).map((user) => String(user['userId'])).join(', ')})`, candidates.map(expectedFields), answerOf(exchange), { kind: 'model-divergence', operation: 'listUsers' });
    const known = candidates.filter((user) => users.some((listed) => listed['userId'] === user.userId));
    expectListed(side, real, users, known, what, exchange);
    if (both.length > 0 && known.length === 0) fail(`${what}: does not answer ${userId}, which matches both filters`, [expectedFields(both[0] as ModelUser)], answerOf(exchange), { kind: 'model-divergence', operation: 'listUsers' });
  }
  toString(): string {
    return `listByUserIdAndEmail(#${this.userSlot}, email of #${this.emailSlot})`;
  }
}
