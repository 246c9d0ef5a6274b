// `userapi mock` as a user runs it, in child processes: help, bad flags (exit 2, saying which),
// the start-up banner with every API's credentials, loopback by default, --api, --seed, a clean exit on
// SIGTERM (0) and SIGINT (130), refusals that exit 1 with a message, and `npm start` (the README's main job).
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../mock/defaults.ts';
import { call } from '../support/mock.ts';
import { killAll, runCli, startMockProcess } from '../support/cli.ts';

afterAll(killAll);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function status(url: string): Promise<number> {
  const response = await request(url);
  await response.body.dump();
  return response.statusCode;
}

function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

// Each case is its own short-lived process: they run side by side.
describe.concurrent('help and bad flags', () => {
  it('prints its usage for --help and -h, and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const exit = await runCli(['mock', flag]);
      expect(exit.code).toBe(0);
      expect(exit.stdout).toMatch(/^usage: userapi mock \[options\]/);
      for (const option of ['--port', '--host', '--api', '--seed', '--profile', '--state', '--strict', '--latency', '--fail-rate', '--max-body-bytes', '--quiet']) expect(exit.stdout).toContain(option);
    }
  });

  it.each([
    [['--port', '70000'], /--port must be an integer from 0 to 65535, not '70000'/],
    [['--port', '0x10'], /--port must be an integer from 0 to 65535, not '0x10'/],
    [['--port', ''], /--port must be an integer from 0 to 65535, not ''/],
    [['--port'], /Option '--port <value>' argument missing/],
    [['--latency', '1.5'], /--latency must be an integer from 0 to 600000, not '1.5'/],
    [['--fail-rate', '2'], /--fail-rate must be a number from 0 to 1, not '2'/],
    [['--fail-rate', 'half'], /--fail-rate must be a number from 0 to 1, not 'half'/],
    [['--max-body-bytes', '0'], /--max-body-bytes must be an integer from 1 to/],
    [['--profile', 'tyk-4'], /--profile must be one of document, tyk-5.8, not 'tyk-4'/],
    [['--profile', 'tyk-5.8', '--api', 'vaa,checkmarx'], /--profile tyk-5.8: none of the APIs served \(vaa, checkmarx\) has it; tyk does/],
    [['--seed', 'everyone'], /--seed must be 'documents' or 'empty', not 'everyone'/],
    [['--api', 'vaa,nope'], /--api: unknown API 'nope': expected one or more of vaa, checkmarx, tyk/],
    [['--vaa-token', ''], /--vaa-token must not be empty/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['serve'], /Unexpected argument 'serve'/],
  ])('exits 2 for %j, saying what is wrong, then the usage', async (args, message) => {
    const exit = await runCli(['mock', ...args]);
    expect(exit.code).toBe(2);
    const [first, ...rest] = exit.stderr.split('\n');
    expect(first).toMatch(/^userapi mock: /);
    expect(first).toMatch(message);
    expect(rest.join('\n')).toContain('usage: userapi mock');
    expect(exit.stdout).toBe('');
  });
});

describe('a running mock', () => {
  it('prints its loopback URL and every API\'s credentials, logs requests, and exits 130 on SIGINT (Ctrl-C)', async () => {
    const mock = await startMockProcess(['--port', '0']);
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const banner = mock.output().stdout;
    const { vaa, checkmarx, tyk } = DEFAULT_SETTINGS;
    for (const credential of [vaa.token, vaa.username, vaa.password, checkmarx.username, checkmarx.password, tyk.accessKey, tyk.adminSecret]) expect(banner).toContain(credential);
    for (const path of ['/api/v2/users', '/cxrestapi/auth/Users', '/api/users', '/__userapi/health']) expect(banner).toContain(`${mock.url}${path}`);
    // The profile by default: each API's source document.
    expect(banner).toContain('(profile: document,');
    for (const api of ['vaa', 'checkmarx', 'tyk']) expect(banner).toMatch(new RegExp(`\\n  ${api} .*\\(profile document\\)`));

    const listed = await call(mock.url, 'vaa', { path: '/api/v2/users', headers: { 'x-lxt-api-token': vaa.token } });
    expect(listed.status).toBe(200);
    // The documents' users, so the documents' commands work as they stand.
    expect(listed.body.data.map((user: { userId: string }) => user.userId)).toEqual(['test', 'loc']);
    await expect.poll(() => mock.output().stdout).toMatch(/ vaa +GET \/api\/v2\/users -> 200 [\d.]+ms listUsers/);

    // Port taken: a second mock says so and exits 1 rather than throwing a stack trace.
    const taken = await runCli(['mock', '--port', new URL(mock.url).port]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/^userapi mock: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\); try --port\n$/);

    expect(await mock.stop('SIGINT')).toMatchObject({ code: 130, signal: null, stderr: '' });
    expect(await refusesConnections(mock.url)).toBe(true);
  }, 90_000);

  it('with --api vaa --seed empty --quiet: serves vaa only, empty, silently, and exits 0 on SIGTERM', async () => {
    const mock = await startMockProcess(['--api', 'vaa', '--seed', 'empty', '--quiet', '--port', '0']);
    const banner = mock.output().stdout;
    expect(banner).toContain('seed: empty');
    expect(banner).not.toContain('checkmarx');
    expect(banner).not.toContain(DEFAULT_SETTINGS.tyk.accessKey);

    const listed = await call(mock.url, 'vaa', { path: '/api/v2/users', headers: { 'x-lxt-api-token': DEFAULT_SETTINGS.vaa.token } });
    expect([listed.status, listed.body.message]).toEqual([400, 'User(s) not found.']);
    for (const path of ['/cxrestapi/auth/Users', '/api/users']) {
      const response = await request(`${mock.url}${path}`);
      expect(response.statusCode).toBe(404);
      expect(await response.body.json()).toMatchObject({ error: `No API served by this mock owns ${path}.`, apis: [{ api: 'vaa' }] });
    }
    expect(await status(`${mock.url}/__userapi/health`)).toBe(200);

    const exit = await mock.stop('SIGTERM');
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: '' });
    // --quiet: the banner and nothing else.
    expect(exit.stdout).toBe(banner);
  }, 90_000);

  it('refuses a --state file of another program, or one it cannot create: exit 1, naming the file, leaving it untouched', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'userapi-cli-'));
    try {
      const foreign = join(directory, 'settings.json');
      writeFileSync(foreign, '{"theme": "dark"}\n');
      const exit = await runCli(['mock', '--port', '0', '--state', foreign]);
      expect(exit.code).toBe(1);
      expect(exit.stderr).toBe(`userapi mock: ${foreign} is not a userapi mock state file (JSON whose format is null, not "userapi-mock-state/1"); use another --state file, or move this one away to start afresh.\n`);
      expect(readFileSync(foreign, 'utf8')).toBe('{"theme": "dark"}\n');

      // A place no state file can be: the file system's refusal, said plainly.
      const impossible = join(foreign, 'state.json');
      const unusable = await runCli(['mock', '--port', '0', '--state', impossible]);
      expect(unusable.code).toBe(1);
      expect(unusable.stderr).toMatch(new RegExp(`^userapi mock: cannot use the state file ${impossible}: E[A-Z]+: .*\n$`));

      // Node's recursive mkdir never returns under /proc: the mock must still answer, not hang.
      const underProc = '/proc/userapi-no-such-directory/state.json';
      const refused = await runCli(['mock', '--port', '0', '--state', underProc]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`cannot use the state file ${underProc}: ENOENT`);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('npm start', () => {
  it('serves the mock, and Ctrl-C (SIGINT to the process group) stops it', async () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start']).toBe('node --max-semi-space-size=16 bin/userapi.ts mock');
    // Its own process group, as a terminal would run it; the port is ours to choose, not 4010.
    const npm = spawn('npm', ['start', '--', '--port', '0', '--quiet'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    npm.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
    const closed = new Promise<void>((resolve) => npm.on('close', () => resolve()));
    try {
      await expect.poll(() => output, { timeout: 60_000, interval: 100 }).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
      const url = /listening on (http:\/\/\S+)/.exec(output)![1]!;
      expect(await status(`${url}/__userapi/health`)).toBe(200);
      process.kill(-npm.pid!, 'SIGINT');
      await closed;
      await expect.poll(() => refusesConnections(url)).toBe(true);
    } finally {
      if (npm.exitCode === null && npm.signalCode === null) process.kill(-npm.pid!, 'SIGKILL');
    }
  }, 90_000);
});
