// `--workers N`: N processes serving one port and sharing one SQLite state, so a load test sees more
// than one core. node:cluster: the primary holds the listening socket and hands each new connection
// to a worker in turn; the workers share --state FILE, or a temporary file the primary removes when
// it stops. The primary checks the state file once (as a single mock does) before the workers start.
// Ctrl-C or SIGTERM stops them all; a worker whose primary is killed exits on its own (the IPC
// channel closes) and removes the temporary state, so nothing is left behind.
import cluster, { type Worker } from 'node:cluster';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MockOptions } from './defaults.ts';
import { watchNpmParent } from './parent.ts';
import { bannerLines, exitCodeOf, startFailure, stopSignal } from './startup.ts';

/** How the primary tells its workers where the state is. */
const WORKER_ENVIRONMENT = 'USERAPI_MOCK_WORKER';

/** How long the primary waits for a stopping worker before killing it. */
const STOP_GRACE_MS = 5_000;

interface WorkerSettings {
  stateFile: string;
  durable: boolean;
}

type WorkerMessage = { type: 'listening'; banner: string[] } | { type: 'failed'; message: string };

export async function runPrimary(options: MockOptions): Promise<number> {
  const temporaryDirectory = options.stateFile === undefined ? mkdtempSync(join(tmpdir(), 'userapi-mock-')) : undefined;
  const settings: WorkerSettings = { stateFile: options.stateFile ?? join(temporaryDirectory as string, 'state.db'), durable: temporaryDirectory === undefined };
  const removeTemporary = (): void => {
    if (temporaryDirectory !== undefined) rmSync(temporaryDirectory, { recursive: true, force: true });
  };
  const stopping = stopSignal();
  try {
    // Checked, converted, or created once, here, so the workers start on a file known to be sound.
    const { MockState } = await import('./state/mock-state.ts');
    const state = await MockState.open({ ...options, stateFile: settings.stateFile });
    for (const notice of state.notices) if (settings.durable) console.error(`userapi mock: ${notice}`);
    state.close();
  } catch (error) {
    removeTemporary();
    const failure = startFailure(error, options);
    if (failure === undefined) throw error;
    console.error(`userapi mock: ${failure}`);
    return 1;
  }

  const workers = Array.from({ length: options.workers }, () => cluster.fork({ [WORKER_ENVIRONMENT]: JSON.stringify(settings) }));
  const exited = new Map(workers.map((worker) => [worker, new Promise<{ code: number | null; signal: string | null }>((resolve) => worker.once('exit', (code, signal) => resolve({ code, signal })))]));
  const stopAll = async (): Promise<void> => {
    for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, STOP_GRACE_MS);
    await Promise.all(exited.values());
    clearTimeout(timer);
    removeTemporary();
  };

  const started = await Promise.race([Promise.all(workers.map((worker) => startOf(worker, exited.get(worker)!))), stopping]);
  if (typeof started === 'string') {
    await stopAll();
    return exitCodeOf(started);
  }
  const failed = started.find((message) => message.type === 'failed');
  if (failed) {
    await stopAll();
    console.error(`userapi mock: ${failed.message}`);
    return 1;
  }
  const banner = started[0] as Extract<WorkerMessage, { type: 'listening' }>;
  console.log(banner.banner.join('\n'));

  // Runs until a signal, or until a worker ends: then every worker stops, never some of them.
  const firstExit = Promise.race(workers.map((worker) => exited.get(worker)!.then((exit) => ({ worker, ...exit }))));
  const parent = watchNpmParent();
  const outcome = await Promise.race([stopping, firstExit, ...(parent ? [parent.gone] : [])]);
  parent?.stop();
  await stopAll();
  if (typeof outcome === 'string') return exitCodeOf(outcome);
  if (outcome.code === 0) return 0;
  console.error(`userapi mock: worker ${outcome.worker.process.pid} ended (${outcome.signal ?? `exit code ${outcome.code}`}); stopped the others.`);
  return 1;
}

/** Resolves with the worker's first message, or a failure when it ends without one. */
function startOf(worker: Worker, exit: Promise<{ code: number | null; signal: string | null }>): Promise<WorkerMessage> {
  return Promise.race([
    new Promise<WorkerMessage>((resolve) => worker.once('message', (message: WorkerMessage) => resolve(message))),
    exit.then(({ code, signal }): WorkerMessage => ({ type: 'failed', message: `a worker ended while starting (${signal ?? `exit code ${code}`})` })),
  ]);
}

export async function runWorker(cliOptions: MockOptions): Promise<number> {
  const settings = JSON.parse(process.env[WORKER_ENVIRONMENT] ?? '{}') as WorkerSettings;
  const options: MockOptions = { ...cliOptions, stateFile: settings.stateFile, worker: { durable: settings.durable } };
  const send = (message: WorkerMessage): Promise<void> => new Promise((resolve) => (process.send ? process.send(message, undefined, {}, () => resolve()) : resolve()));
  const stopping = stopSignal();
  // The primary killed (kill -9): node:cluster ends this worker at once; the temporary state goes with it.
  process.prependOnceListener('disconnect', () => {
    if (!settings.durable && !cluster.worker?.exitedAfterDisconnect) rmSync(dirname(settings.stateFile), { recursive: true, force: true });
  });
  const { moduleFor, startMockServer } = await import('./server.ts');
  let server;
  try {
    server = await startMockServer(options);
  } catch (error) {
    await send({ type: 'failed', message: startFailure(error, options) ?? String((error as Error).stack ?? error) });
    return 1;
  }
  await send({ type: 'listening', banner: bannerLines(server.url, options, (api) => moduleFor(api, options.profile)) });
  await stopping;
  // Ctrl-C reaches the whole process group, and then the primary's SIGTERM follows: the worker is
  // already stopping (the primary kills it if it takes too long).
  const ignore = (): void => undefined;
  process.on('SIGINT', ignore).on('SIGTERM', ignore);
  // A request in flight when the stop came still gets its answer (server.close drains them).
  await Promise.race([server.close(), sleep(STOP_GRACE_MS, undefined, { ref: false })]);
  // The channel to the primary would keep this process alive.
  cluster.worker?.disconnect();
  return 0;
}
