// Proof that `userapi certify --api tyk` is safe on a real system (issue 8): against targets that misbehave
// the way real servers do (a lookup that answers the wrong user, ids reused after a delete, a DELETE that
// answers success and keeps the user, a create that answers another user's id, a server that reflects
// every request in its answers), judged by the target's own record of what it received and by what it
// holds afterwards: no write to a user that existed before the run (nor to one another client made with
// a reused id), the inventory proof and the clean-up report say exactly what happened, and no secret is
// in any byte of any output. Each target has its own mock with long, unique credentials.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { mapJson, proofRuns, type Rewrites } from '../support/certify.ts';
import { leaksIn, outputsOf, startRecordingTarget, writesNaming, type Received } from '../support/safety.ts';
import { fakedSuccess } from '../support/tyk-broken.ts';
import { Translation, isCreate, ok, parsed, startTykMock, upstreamCall, upstreamUsers, userIdIn, type TykUserRecord } from '../support/tyk-targets.ts';

/** What names a Tyk user in a write: its id in the path, or its address in the body. */
const TYK_IDENTITY_FIELDS = ['email_address', 'id'];

const TEST_TIMEOUT_MS = 240_000;
const proof = proofRuns('tyk', { parallelRuns: 2, runTimeoutMs: 150_000 });
afterAll(() => proof.stop());

/** Get User of a real id: not the read `GET /api/users/me` or `/search`. */
const userRead = (request: { method: string; url: string }): string | undefined => {
  const id = request.method === 'GET' ? userIdIn(request as never) : undefined;
  return id === 'me' || id === 'search' ? undefined : id;
};

/** What the test learns from the target while it runs. */
interface Log {
  /** How many requests the target has received so far. */
  received: () => number;
  /** Ids handed to another client's user, and the number of requests received by then. */
  reused: Map<string, number>;
}

interface Misbehaviour {
  name: string;
  build: (upstream: string, log: Log) => { rewrites: Rewrites; publicId?: (upstreamId: string) => string };
}

function lookupAnswers(pickOther: (users: TykUserRecord[], id: string) => TykUserRecord | undefined): Misbehaviour['build'] {
  return (upstream) => ({
    rewrites: {
      response: async (response, request) => {
        const id = userRead(request);
        if (!id || response.status !== 200) return response;
        const other = pickOther(await upstreamUsers(upstream), decodeURIComponent(id));
        return other ? { ...response, body: Buffer.from(JSON.stringify(other)) } : response;
      },
    },
  });
}

/** Public ids of its own; a deleted user's id goes at once to a user another client adds. */
const idsReusedAfterDelete: Misbehaviour['build'] = (upstream, log) => {
  const ids = new Translation((_value, kind, count) => (kind === 'id' ? `u${count}` : `k${createKey(count)}`));
  let others = 0;
  const rewrites: Rewrites = {
    request: (request) => ids.request(request),
    response: async (response, request) => {
      const id = request.method === 'DELETE' ? userIdIn(request) : undefined;
      if (id && response.status === 200) {
        const email = `other.client.${(others += 1)}@example.com`;
        await upstreamCall(upstream, 'POST', '/api/users', { first_name: 'Other', last_name: 'Client', email_address: email, active: true, user_permissions: { users: 'read' } });
        const other = (await upstreamUsers(upstream)).find((user) => user.email_address === email) as TykUserRecord;
        const publicId = ids.out(decodeURIComponent(id));
        ids.alias(publicId, other.id);
        log.reused.set(publicId, log.received());
      }
      return mapJson(response, (body) => ids.deepOut(body));
    },
  };
  return { rewrites, publicId: (upstreamId) => ids.out(upstreamId) };
};

const createKey = (count: number): string => `${count}`.padStart(31, '0');

/** Add User answers success with the id of the organisation's first user in `Meta`. */
const createAnswersAnotherId: Misbehaviour['build'] = (upstream) => ({
  rewrites: {
    response: async (response, request) => {
      if (!isCreate(request) || response.status !== 200) return response;
      const first = (await upstreamUsers(upstream))[0];
      return mapJson(response, (body) => ({ ...body, Meta: first?.id ?? body.Meta }));
    },
  },
});

/** Every JSON answer carries the request it answers: headers (credentials included) and body. */
const reflectsEverything: Misbehaviour['build'] = () => ({
  rewrites: {
    response: (response, request) => mapJson(response, (body) => (typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, echo: { method: request.method, url: request.url, headers: request.headers, body: request.body.toString('utf8') } } : body)),
  },
});

/** Every credential and password the target received (the run's, the users' it created, the wrong ones it tried). */
function secretsIn(received: readonly Received[], given: string[]): Array<{ label: string; value: string }> {
  const values = new Set(given);
  for (const request of received) {
    for (const name of ['authorization', 'admin-auth']) {
      const word = request.headers[name]?.trim().split(/\s+/).at(-1);
      if (word && word.length >= 8) values.add(word);
    }
    const body = parsed(request.body);
    for (const field of ['password', 'new_password', 'current_password']) if (typeof body?.[field] === 'string' && /^Pw\d-/.test(body[field])) values.add(body[field]);
  }
  return [...values].map((value, index) => ({ label: `secret #${index + 1} (${value.slice(0, 3)}...)`, value }));
}

const MISBEHAVIOURS: Misbehaviour[] = [
  { name: 'Get User answers the organisation\'s first user for any id', build: lookupAnswers((users) => users[0]) },
  { name: 'Get User answers a neighbour (the user listed after the one asked for)', build: lookupAnswers((users, id) => users[(users.findIndex((user) => user.id === id) + 1) % Math.max(users.length, 1)]) },
  { name: 'a deleted user\'s id is given at once to a user another client adds', build: idsReusedAfterDelete },
  { name: 'DELETE answers success and keeps the user', build: (upstream) => ({ rewrites: fakedSuccess(upstream, (request) => (request.method === 'DELETE' ? userIdIn(request) : undefined), ok('User deleted', '')) }) },
  { name: 'Add User answers another user\'s id', build: createAnswersAnotherId },
  { name: 'every answer reflects the request\'s headers and body', build: reflectsEverything },
];

describe.concurrent('userapi certify --api tyk on targets that misbehave as real servers do', () => {
  for (const misbehaviour of MISBEHAVIOURS) {
    it(`${misbehaviour.name}: no write to another's user, the inventory proof and the clean-up report match the target, no secret in any output`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const credentials = { accessKey: `safety-key-${randomBytes(12).toString('hex')}`, adminSecret: `safety-admin-${randomBytes(12).toString('hex')}` };
      const mock = proof.track(await startTykMock({ credentials }));
      const before = await upstreamUsers(mock.url);
      const log: Log = { received: () => 0, reused: new Map() };
      const { rewrites, publicId = (id: string) => id } = misbehaviour.build(mock.url, log);
      const preExistingIds = before.map((user) => publicId(user.id));
      const target = proof.track(await startRecordingTarget(mock.url, rewrites));
      log.received = () => target.received.length;
      // Every check runs (what each one writes is the point); the property checks' sequences are fewer.
      const run = await proof.certify(['--target', target.url, '--token', credentials.accessKey, '--admin-secret', credentials.adminSecret, '--runs', '5']);
      const report = run.report!;
      expect(report, run.stdout + run.stderr).toBeDefined();

      // No write reached a user that existed before the run, by its id or its address.
      expect(writesNaming(target.received, [...preExistingIds, ...before.map((user) => user.email_address)], TYK_IDENTITY_FIELDS)).toEqual([]);
      for (const [id, from] of log.reused) expect(writesNaming(target.received.slice(from), [id], TYK_IDENTITY_FIELDS), `writes to ${id} after it was reused`).toEqual([]);

      // The inventory proof: made, and every pre-existing user unchanged, as the target's own state says.
      const after = await upstreamUsers(mock.url);
      for (const user of before) expect(after.find((now) => now.id === user.id), `${user.email_address} still held, unchanged`).toMatchObject({ email_address: user.email_address, first_name: user.first_name, access_key: user.access_key });
      expect(report.safety).toMatchObject({ proof: 'made', preExistingUsers: before.length, unchanged: before.length, changed: [], missing: [] });

      // The clean-up report: what it left behind is exactly what the target still holds of the run's users.
      const prefix = report.settings.namePrefix;
      const held = after.filter((user) => user.email_address.toLowerCase().includes(prefix)).map((user) => user.email_address.toLowerCase()).sort();
      const leftBehind = report.cleanup.leftBehind.map((user) => String(user.names['email_address']).toLowerCase()).sort();
      expect(leftBehind).toEqual(held);
      for (const user of report.cleanup.deleted) expect(held).not.toContain(String(user.names['email_address']).toLowerCase());
      expect(after.filter((user) => user.email_address.startsWith('other.client.')).length).toBe(log.reused.size);

      // No secret the run knew or made, in any encoding, in any output.
      const secrets = secretsIn(target.received, [credentials.accessKey, credentials.adminSecret]);
      expect(leaksIn(outputsOf(run), secrets)).toEqual([]);
      console.log(`tyk safety, ${misbehaviour.name}: ${report.safety.refusedWrites} writes refused, ${report.cleanup.deleted.length} deletions confirmed, ${report.cleanup.leftBehind.length} left behind (as the target holds), ${secrets.length} secrets in no output`);
    });
  }
});
