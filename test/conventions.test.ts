// The command-line conventions a user expects, in real processes: --version, the port from the
// environment (the flag wins), exit 130 on Ctrl-C (mock and certify), no colour escape under NO_COLOR on
// a terminal, and no orphaned mock when the npm that started it is killed (while a mock started any
// other way outlives its parent, as nohup users expect).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
/** This process's environment without npm's variables: a user's shell, not `npm test`. */
const SHELL_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: ChildProcess[] = [];
const orphans: number[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const pid of orphans) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone: what the test wanted.
    }
  }
});

function start(command: string, args: string[], env: NodeJS.ProcessEnv = SHELL_ENV, detached = false): Started {
  const child = spawn(command, args, { cwd: ROOT, env, detached, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

const userapi = (args: string[], env?: NodeJS.ProcessEnv): Started => start(process.execPath, ['bin/userapi.ts', ...args], env);

async function listeningUrl(run: Started, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /listening on (http:\/\/\S+)/.exec(run.output());
    if (match) return match[1] as string;
    if (run.child.exitCode !== null) throw new Error(`exited before listening: ${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not listening within ${timeoutMs} ms: ${run.output()}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await request(`${url}/__userapi/health`, { headersTimeout: 2_000 });
    await response.body.dump();
    return response.statusCode === 200;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('--version', () => {
  it.each([[['--version']], [['mock', '--version']]])('userapi %j prints the package version and exits 0', async (args) => {
    const run = userapi(args);
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.output()).toBe(`${VERSION}\n`);
  });
});

describe('the port from the environment', () => {
  it('USERAPI_PORT, else PORT; --port wins over both', async () => {
    const [specific, generic, flag] = [await freePort(), await freePort(), await freePort()];
    const cases: Array<[NodeJS.ProcessEnv, string[], number]> = [
      [{ USERAPI_PORT: String(specific), PORT: String(generic) }, [], specific],
      [{ PORT: String(generic) }, [], generic],
      [{ USERAPI_PORT: String(specific), PORT: String(generic) }, ['--port', String(flag)], flag],
    ];
    for (const [variables, args, port] of cases) {
      const run = userapi(['mock', '--quiet', '--api', 'vaa', ...args], { ...SHELL_ENV, ...variables });
      const url = await listeningUrl(run);
      expect(url).toBe(`http://127.0.0.1:${port}`);
      expect(await answers(url)).toBe(true);
      run.child.kill('SIGTERM');
      expect(await run.exited).toEqual({ code: 0, signal: null });
    }
  }, 120_000);

  it('a variable that is not a port is a usage error naming it (exit 2)', async () => {
    const run = userapi(['mock'], { ...SHELL_ENV, USERAPI_PORT: '80a' });
    expect((await run.exited).code).toBe(2);
    expect(run.output()).toMatch(/^userapi mock: the environment variable USERAPI_PORT must be a port, an integer from 0 to 65535, not '80a'/);
  });
});

describe('Ctrl-C', () => {
  it('stops the mock with exit code 130', async () => {
    const run = userapi(['mock', '--port', '0', '--quiet', '--api', 'vaa']);
    const url = await listeningUrl(run);
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 130, signal: null });
    expect(await answers(url)).toBe(false);
  }, 60_000);

  it('stops certify with exit code 130, after it wrote its report', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'userapi-interrupted-'));
    const run = userapi(['certify', '--api', 'vaa', '--report-dir', reports]);
    const deadline = Date.now() + 60_000;
    // Interrupted once checks are running (their progress lines are on stderr).
    while (!/^ {2}(ok|FAIL|ERR|skip|BLKD) /m.test(run.output()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 130, signal: null });
    const report = JSON.parse(readFileSync(join(reports, 'report.json'), 'utf8')) as { problems: string[] };
    rmSync(reports, { recursive: true, force: true });
    expect(report.problems.join('\n')).toMatch(/stopped: interrupted/);
  }, 90_000);
});

// util-linux's script(1) gives the command a terminal, where Node would colour what it logs.
const SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!SCRIPT)(`NO_COLOR on a terminal${SCRIPT ? '' : ' (skipped: no util-linux script(1) to give the command a terminal)'}`, () => {
  function onTerminal(command: string, env: NodeJS.ProcessEnv): Started {
    return start('script', ['-qefc', command, '/dev/null'], { ...SHELL_ENV, ...env, TERM: 'xterm-256color' });
  }

  it('the mock, its request log and its stop print no escape sequence', async () => {
    const run = onTerminal(`'${process.execPath}' bin/userapi.ts mock --port 0 --api vaa`, { NO_COLOR: '1' });
    const url = await listeningUrl(run);
    await request(`${url}/api/v2/users`).then((response) => response.body.dump());
    await request(`${url}/nowhere`).then((response) => response.body.dump());
    while (!run.output().includes('/nowhere')) await new Promise((resolve) => setTimeout(resolve, 50));
    // Ending script(1) hangs up its terminal, which ends the mock.
    run.child.kill('SIGTERM');
    await run.exited;
    await expect.poll(() => answers(url), { timeout: 10_000 }).toBe(false);
    expect(run.output()).toMatch(/GET \/api\/v2\/users -> 403 /);
    expect(run.output()).toMatch(/GET \/nowhere -> 404 /);
    expect(run.output()).not.toContain('\u001b');
  }, 60_000);

  it('certify, its failures and its summary print no escape sequence', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'userapi-colour-'));
    const run = onTerminal(`'${process.execPath}' bin/userapi.ts certify --api vaa --target http://127.0.0.1:9 --token x --report-dir '${reports}'`, { NO_COLOR: '1' });
    await run.exited;
    rmSync(reports, { recursive: true, force: true });
    expect(run.output()).toMatch(/NOT CERTIFIED/);
    expect(run.output()).not.toContain('\u001b');
  }, 60_000);
});

describe('a mock started by npm does not outlive npm', () => {
  it.each([['SIGKILL'], ['SIGTERM']] as const)('npm start, then %s to npm alone: the mock stops within seconds', async (signal) => {
    const npm = start('npm', ['start', '--', '--port', '0', '--quiet'], process.env, true);
    const url = await listeningUrl(npm);
    npm.child.kill(signal);
    await npm.exited;
    const deadline = Date.now() + 10_000;
    while ((await answers(url)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await answers(url)).toBe(false);
    // Whatever npm left (the shell that ran the script) is gone with it.
    const groupAlive = (): boolean => {
      try {
        process.kill(-npm.child.pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    await expect.poll(groupAlive, { timeout: 5_000 }).toBe(false);
  }, 90_000);

  it('started from a shell that then exits (nohup-style), the mock keeps serving', async () => {
    const shell = start('sh', ['-c', `'${process.execPath}' bin/userapi.ts mock --port 0 --quiet --api vaa & echo "pid $!"; wait`]);
    const url = await listeningUrl(shell);
    const pid = Number(/pid (\d+)/.exec(shell.output())![1]);
    orphans.push(pid);
    // 'exit', not 'close': the mock holds the shell's output pipe open.
    const shellExited = new Promise((resolve) => shell.child.once('exit', resolve));
    shell.child.kill('SIGKILL');
    await shellExited;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await answers(url)).toBe(true);
    process.kill(pid, 'SIGTERM');
  }, 90_000);
});
