// Concurrency: writes that race over real HTTP are serialised per API, so "check, then insert" holds
// even though handlers await (password hashing) between the check and the insert.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { API_IDS } from '../../specs/apis.ts';
import { startTestMock, type CallOptions } from '../support/mock.ts';
import { mockForFile } from '../support/file-mock.ts';
import { PROFILES } from '../support/apis.ts';

const PARALLEL = 100;
const mock = mockForFile({});

describe.each(API_IDS)('%s', (api) => {
  const profile = PROFILES[api];
  beforeEach(() => mock.reset([api], 'documents'));

  it(`answers ${PARALLEL} parallel creates of one user with exactly one success and ${PARALLEL - 1} documented refusals`, async () => {
    const auth = await profile.login((options) => mock.call(api, options));
    // With a password, so each create awaits a password hash between its check and its insert.
    const body = { ...profile.newUser('racer1'), password: 'Race-Condition-1' };
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => mock.call(api, { method: 'POST', path: profile.usersPath, headers: auth, json: body })));

    const successes = answers.filter((answer) => answer.status === profile.createdStatus);
    const refusals = answers.filter((answer) => answer.status === profile.duplicate.status);
    expect(successes).toHaveLength(1);
    expect(refusals).toHaveLength(PARALLEL - 1);
    for (const refusal of refusals) expect(profile.errorMessage(refusal.body)).toMatch(profile.duplicate.message);
    const held = await profile.listNames((options) => mock.call(api, options), auth);
    expect(held.filter((name) => name === 'racer1')).toHaveLength(1);
  });

  it('keeps every one of many parallel creates of different users', async () => {
    const auth = await profile.login((options) => mock.call(api, options));
    const names = Array.from({ length: PARALLEL }, (_, index) => `many${index}`);
    const answers = await Promise.all(names.map((name) => mock.call(api, { method: 'POST', path: profile.usersPath, headers: auth, json: profile.newUser(name) })));
    expect(answers.map((answer) => answer.status)).toEqual(names.map(() => profile.createdStatus));
    expect(await profile.listNames((options) => mock.call(api, options), auth)).toEqual(expect.arrayContaining(names));
  });
});

it('keeps memory and disk in step while writes and resets race: a restart finds exactly what was served', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'userapi-race-'));
  const stateFile = join(directory, 'state.json');
  try {
    const profile = PROFILES.vaa;
    const first = await startTestMock({ apis: ['vaa'], stateFile });
    const call = (options: CallOptions) => first.call('vaa', options);
    const auth = await profile.login(call);
    const writes = Array.from({ length: 60 }, (_, index) => call({ method: 'POST', path: profile.usersPath, headers: auth, json: { ...profile.newUser(`during${index}`), password: 'Passw0rd-1' } }));
    // Resets spread over the writes, half of them back to the documents' users.
    const resets = Array.from({ length: 6 }, (_, index) => sleep(index * 15).then(() => first.reset(['vaa'], index % 2 === 0 ? 'empty' : 'documents')));
    const answers = await Promise.all(writes);
    await Promise.all(resets);
    expect(answers.map((answer) => answer.status)).toEqual(writes.map(() => profile.createdStatus));
    const served = await profile.listNames(call, auth);
    expect(new Set(served).size).toBe(served.length);
    await first.close();

    const second = await startTestMock({ apis: ['vaa'], stateFile });
    try {
      expect(await profile.listNames((options) => second.call('vaa', options), auth)).toEqual(served);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
