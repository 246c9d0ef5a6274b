// A client team's tests against the mock, the way WireMock or Microcks are used: one mock per test file
// on a free port (beforeAll), a clean state for each test (beforeEach), the request journal to assert
// what the client sent, and close (afterAll). In your project:
//   npm install --save-dev user-api-conformance vitest
// (This repository runs this file in `npm test`, with 'user-api-conformance' mapped to its source.)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from 'user-api-conformance';

// The code under test: a small Tyk Dashboard client (yours comes from your own sources).
async function createTykUser(baseUrl: string, accessKey: string, user: { firstName: string; lastName: string; email: string }): Promise<string> {
  const response = await fetch(`${baseUrl}/api/users`, {
    method: 'POST',
    headers: { authorization: accessKey, 'content-type': 'application/json' },
    body: JSON.stringify({ first_name: user.firstName, last_name: user.lastName, email_address: user.email, active: true }),
  });
  if (!response.ok) throw new Error(`Tyk refused the user: ${response.status}`);
  return ((await response.json()) as { Message: string }).Message;
}

let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({ apis: ['tyk'] });
});
beforeEach(async () => {
  // Back to the documents' users, and an empty journal.
  await mock.reset();
});
afterAll(async () => {
  await mock.close();
});

describe('createTykUser', () => {
  it('sends the user as the Tyk Dashboard documents it, with the access key', async () => {
    const message = await createTykUser(mock.urlOf('tyk'), mock.credentials.tyk.accessKey, { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
    expect(message).toBe('User created');

    const [sent, ...more] = mock.requests({ api: 'tyk', operationId: 'createUser' });
    expect(more).toEqual([]);
    expect(sent?.method).toBe('POST');
    expect(sent?.headers['content-type']).toBe('application/json');
    // The journal never shows a credential, only that one was sent.
    expect(sent?.headers['authorization']).toBe('[redacted]');
    expect(JSON.parse(sent?.body ?? 'null')).toEqual({ first_name: 'Ada', last_name: 'Lovelace', email_address: 'ada@example.com', active: true });
  });

  it('fails clearly when the key is refused', async () => {
    await expect(createTykUser(mock.urlOf('tyk'), 'not-a-key', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' })).rejects.toThrow(/Tyk refused the user: 40[13]/);
    const [refused] = mock.requests({ api: 'tyk' });
    expect([401, 403]).toContain(refused?.status);
  });
});
