// The document's own curl commands work verbatim against the mock: each vaa command is run by the real
// curl, through a shell as a reader would paste it, with only the blank host filled in, from a working
// directory holding the document's test_data files; RESP_CODE and the body's status and message must be
// the documented ones. The commands tell one story (add, add again, modify, ..., delete again), so they
// run in document order on one freshly seeded mock.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadFixtures, loadTestData } from '../../fixtures/index.ts';
import { startTestMock, type TestMock } from '../support/mock.ts';

const run = promisify(execFile);
let mock: TestMock;
let workingDirectory: string;

beforeAll(async () => {
  mock = await startTestMock({ apis: ['vaa'] });
  workingDirectory = mkdtempSync(join(tmpdir(), 'userapi-curl-'));
  // `-d@test_data/v2users.add.user1`: the files under the names the commands use (no extension).
  mkdirSync(join(workingDirectory, 'test_data'));
  for (const data of loadTestData('vaa')) writeFileSync(join(workingDirectory, 'test_data', data.name), JSON.stringify(data.json, null, 1));
});
afterAll(async () => {
  expect(mock.server.violations).toEqual([]);
  await mock.close();
  rmSync(workingDirectory, { recursive: true, force: true });
});

it('answers every documented curl command, run by curl, with the documented RESP_CODE, status and message', async () => {
  const seen = new Set<string>();
  const fixtures = loadFixtures('vaa').filter((fixture) => {
    // "Command ... or ..." variants repeat each other: one per documented title.
    const key = `${fixture.operationId}/${fixture.title}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  expect(fixtures.map((fixture) => fixture.title)).toHaveLength(11);
  expect(fixtures.some((fixture) => fixture.command.includes('-d@test_data/'))).toBe(true);

  for (const fixture of fixtures) {
    expect(fixture.command, fixture.id).toMatch(/^curl .*https:\/\/\//);
    const command = fixture.command.replace('https:///', `${mock.url}/`);
    const { stdout } = await run('/bin/sh', ['-c', command], { cwd: workingDirectory, timeout: 15_000 });
    const printed = /^(?<body>[\s\S]*)RESP_CODE: (?<code>\d{3})$/.exec(stdout.trim());
    expect(printed, `${fixture.id}: ${stdout.slice(0, 300)}`).not.toBeNull();
    const documented = fixture.response.body as { status: number; message: string };
    const answered = JSON.parse(printed!.groups!['body']!) as { status: number; message: string };
    expect.soft([Number(printed!.groups!['code']), answered.status, answered.message], fixture.id).toEqual([fixture.response.status, documented.status, documented.message]);
  }
});
