// The CLI as a user runs it: `node bin/userapi.ts ...` in a child process, on Node 24 (this process's).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/userapi.ts', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface MockProcess {
  /** The URL the mock printed, e.g. 'http://127.0.0.1:40123'. */
  url: string;
  child: ChildProcess;
  /** Everything printed so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves when the process ends. */
  exited: Promise<Exit>;
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
  /** Sends `signal` to the process's whole group (it must have been started `detached`), as Ctrl-C or `kill -9 -PGID` do. */
  signalGroup(signal: NodeJS.Signals): void;
}

export interface SpawnOptions {
  /** In a process group of its own (its pid is the group's id), so the test can signal the group. */
  detached?: boolean;
  /** A command the CLI runs under, e.g. ['prlimit', '--nofile=64'] (its last word is followed by node). */
  prefix?: string[];
}

const running = new Set<ChildProcess>();
/** The children whose process group is theirs: killAll kills the whole group (workers included). */
const groups = new Set<ChildProcess>();

function spawnCli(args: string[], { detached = false, prefix = [] }: SpawnOptions = {}, cwd = ROOT): { child: ChildProcess; output: () => { stdout: string; stderr: string }; exited: Promise<Exit> } {
  const [command, ...commandArgs] = [...prefix, process.execPath, BIN, ...args] as [string, ...string[]];
  const child = spawn(command, commandArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached });
  running.add(child);
  if (detached) groups.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<Exit>((resolve) => {
    child.on('close', (code, signal) => {
      running.delete(child);
      groups.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** Runs the CLI to its end (it must end by itself within `timeoutMs`). */
export async function runCli(args: string[], timeoutMs = 60_000): Promise<Exit> {
  const { child, exited } = spawnCli(args);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Starts `userapi mock ...` and resolves once it printed the URL it listens on. */
export async function startMockProcess(args: string[], timeoutMs = 60_000, spawnOptions: SpawnOptions = {}): Promise<MockProcess> {
  const { child, output, exited } = spawnCli(['mock', ...args], spawnOptions);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed within ${timeoutMs} ms: ${JSON.stringify(output())}`)), timeoutMs);
    const look = (): void => {
      const match = /listening on (http:\/\/\S+)/.exec(output().stdout);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', look);
        resolve(match[1] as string);
      }
    };
    child.stdout!.on('data', look);
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`the mock exited before listening: ${JSON.stringify(exit)}`));
    });
  });
  return {
    url,
    child,
    output,
    exited,
    stop: (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
    signalGroup: (signal) => process.kill(-(child.pid as number), signal),
  };
}

/** Kills every child still running (a failed test must not leave mocks behind), with its process group if it has one. */
export async function killAll(): Promise<void> {
  for (const child of groups) {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  }
  groups.clear();
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('close', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
