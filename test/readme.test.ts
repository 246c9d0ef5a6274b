// Every curl command of the README runs as printed, in bash and in zsh (macOS's default shell), against a
// running mock, and gets a 2xx. zsh refuses a command with an unquoted `[...]` or `?` that matches no
// file; bash does the same with failglob, so the check holds where zsh is not installed.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../mock/server.ts';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const COMMANDS = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) => (block[1] ?? '').split('\n').filter((line) => line.startsWith('curl ')));
const ZSH = spawnSync('zsh', ['--version']).status === 0;

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

it('the README has curl commands to check, each against the default port', () => {
  expect(COMMANDS.length).toBeGreaterThanOrEqual(5);
  for (const command of COMMANDS) expect(command).toContain('http://127.0.0.1:4010/');
});

const shells: Array<[string, string[], boolean]> = [
  ['bash (failglob)', ['bash', '-O', 'failglob', '-c'], true],
  [`zsh${ZSH ? '' : ' (skipped: zsh is not installed)'}`, ['zsh', '-f', '-c'], ZSH],
];

describe.each(shells)('in %s', (_name, [shell, ...flags], available) => {
  it.skipIf(!available).each(COMMANDS.map((command) => [command]))('%s', async (command) => {
    // The last -w wins: the status is printed after whatever the command prints itself.
    const line = `${command.replaceAll('http://127.0.0.1:4010', mock.url)} -w '\\n__status=%{http_code}'`;
    // Asynchronously: the mock answering it runs in this process.
    const { stdout, stderr } = await promisify(execFile)(shell as string, [...flags, line], { encoding: 'utf8', timeout: 20_000 });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/__status=2\d\d$/);
  });
});
