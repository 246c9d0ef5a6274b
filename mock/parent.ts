// A mock started by npm (`npm start`, `npm run ...`) stops when npm is gone. npm runs a script as
// `sh -c "node ... mock"`, and when npm is killed (kill -9, or a SIGTERM that the shell does not pass
// on) nothing tells the mock: it would keep the port, an orphan. So it watches, once a second, the
// processes it was started under: its parent, and that parent's parent when the parent is a shell.
// Started any other way (a terminal, nohup, a supervisor) it is left alone: outliving its parent may
// be the point there.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import process from 'node:process';

const POLL_MS = 1_000;
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh', 'cmd.exe', 'cmd']);

export interface ParentWatch {
  /** Resolves with a sentence saying which process went away. */
  gone: Promise<string>;
  stop(): void;
}

/** Watches the npm that started this process; undefined when npm did not start it. */
export function watchNpmParent(environment: NodeJS.ProcessEnv = process.env): ParentWatch | undefined {
  if (environment['npm_lifecycle_event'] === undefined) return undefined;
  const parent = process.ppid;
  const watched = [parent];
  const grandparent = isShell(parent) ? parentOf(parent) : undefined;
  if (grandparent !== undefined && grandparent > 1) watched.push(grandparent);
  let timer: NodeJS.Timeout | undefined;
  const gone = new Promise<string>((resolve) => {
    timer = setInterval(() => {
      const dead = process.ppid !== parent ? parent : watched.find((pid) => !isAlive(pid));
      if (dead !== undefined) resolve(`the npm process that started it (pid ${dead === parent ? parent : dead}) is gone`);
    }, POLL_MS);
    // The watch alone never keeps the process running.
    timer.unref();
  });
  return { gone, stop: () => clearInterval(timer) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  // A killed process its own parent has not reaped yet still answers signal 0.
  return processStatus(pid)?.state !== 'Z';
}

function isShell(pid: number): boolean {
  const name = processStatus(pid)?.name ?? psField(pid, 'comm');
  return name !== undefined && SHELLS.has(name.split('/').pop() ?? name);
}

function parentOf(pid: number): number | undefined {
  const value = processStatus(pid)?.ppid ?? Number(psField(pid, 'ppid'));
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** From /proc (Linux): the command name, state and parent of a process. */
function processStatus(pid: number): { name: string; state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (name) state ppid ...": the name may itself hold spaces and parentheses.
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const [state = '', ppid = ''] = stat.slice(close + 2).split(' ');
    return { name: stat.slice(open + 1, close), state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Elsewhere (macOS): ps. */
function psField(pid: number, field: 'comm' | 'ppid'): string | undefined {
  if (process.platform === 'win32' || process.platform === 'linux') return undefined;
  try {
    return execFileSync('ps', ['-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}
