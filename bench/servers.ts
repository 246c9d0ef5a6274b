// The servers a benchmark compares, each a child process on Node 24 (this process's node): our mock as
// users run it, Prism's own `prism mock`, and a bare node:http server answering fixed bytes.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const PRISM_CLI = join(PROJECT_ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js');
const BARE_SERVER = fileURLToPath(new URL('./bare-server.ts', import.meta.url));

/** Where the servers' request logs (and state files) go: files on disk, as a service's stdout usually ends up. */
export const LOG_DIRECTORY = mkdtempSync(join(tmpdir(), 'userapi-bench-'));

export interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the first 2xx answer of the readiness probe. */
  startupMs: number;
  stop(): Promise<void>;
}

export interface Probe {
  path: string;
  headers?: Record<string, string>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Spawns `args` on this node with stdout to a log file, and resolves once `probe` answers 2xx. */
async function startProcess(name: string, args: string[], port: number, probe: Probe): Promise<Server> {
  const logFile = join(LOG_DIRECTORY, `${name.replace(/[^\w.-]+/g, '_')}-${port}.log`);
  const stdout = openSync(logFile, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ['ignore', stdout, 'pipe'] });
  closeSync(stdout);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited during start-up: ${stderr}`);
    if (performance.now() - started > 60_000) {
      await stop();
      throw new Error(`${name} did not answer ${probe.path} within 60 s: ${stderr}`);
    }
    try {
      const response = await fetch(`${url}${probe.path}`, { headers: probe.headers ?? {}, signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return { name, url, child, startupMs: performance.now() - started, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(5);
  }
}

export interface MockStart {
  name: string;
  /** A checkout of this project whose mock to run (default: this one). */
  root?: string;
  quiet?: boolean;
  /** More options of `userapi mock` (e.g. --workers 2). */
  mockArgs?: string[];
  /** Options for node itself, before the script (default: those of `npm start`). */
  nodeOptions?: string[];
  probe: Probe;
}

/**
 * The node options `npm start` runs the mock with (the words between `node` and the script in
 * package.json's start script), so the bench measures the mock as users start it.
 */
export const START_NODE_OPTIONS: readonly string[] = startScriptNodeOptions();

function startScriptNodeOptions(): string[] {
  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = manifest.scripts.start.trim().split(/\s+/);
  const script = words.indexOf('bin/userapi.ts');
  if (words[0] !== 'node' || script < 0) throw new Error(`package.json's start script is not \`node [options] bin/userapi.ts mock\`: ${manifest.scripts.start}`);
  return words.slice(1, script);
}

/** The mock as `npm start` runs it, with its default settings, on a free port; its request log goes to a file. */
export async function startMock({ name, root = PROJECT_ROOT, quiet = false, mockArgs = [], nodeOptions = [...START_NODE_OPTIONS], probe }: MockStart): Promise<Server> {
  const port = await freePort();
  const args = [...nodeOptions, join(root, 'bin/userapi.ts'), 'mock', '--port', String(port), ...(quiet ? ['--quiet'] : []), ...mockArgs];
  return startProcess(name, args, port, probe);
}

/** `prism mock <spec>` (default logging, or `-v silent`). */
export async function startPrism(name: string, specPath: string, silent: boolean, probe: Probe): Promise<Server> {
  const port = await freePort();
  const args = [PRISM_CLI, 'mock', specPath, '-p', String(port), '-h', '127.0.0.1', ...(silent ? ['-v', 'silent'] : [])];
  return startProcess(name, args, port, probe);
}

export interface FixedReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A bare node:http server that answers every request with `reply`'s bytes. */
export async function startBare(name: string, reply: FixedReply): Promise<Server> {
  const port = await freePort();
  const replyFile = join(LOG_DIRECTORY, `${name.replace(/[^\w.-]+/g, '_')}-${port}.reply.json`);
  writeFileSync(replyFile, JSON.stringify(reply));
  return startProcess(name, [BARE_SERVER, String(port), replyFile], port, { path: '/' });
}

/** The answer of one request, as a bare server should repeat it (hop-by-hop and date headers left out). */
export async function captureReply(url: string, method: string, headers: Record<string, string>, body?: string): Promise<FixedReply> {
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const kept: Record<string, string> = {};
  for (const [name, value] of response.headers) if (!['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)) kept[name] = value;
  return { status: response.status, headers: kept, body: await response.text() };
}

/** The process's peak resident set size (VmHWM), in MiB; undefined where /proc is missing. */
export function peakRssMiB(child: ChildProcess): number | undefined {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kiB = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    return kiB === undefined ? undefined : Number(kiB) / 1024;
  } catch {
    return undefined;
  }
}

export function removeLogs(): void {
  rmSync(LOG_DIRECTORY, { recursive: true, force: true });
}
