// Targets that are not merely wrong but hostile: certify must still end within its deadline, with a
// report and exit code 1, never hang, never follow a redirect to another origin, never drown in a body.
import { createServer as createTcpServer, type Socket } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, type TestContext } from 'vitest';
import { listen, runCertify, type RunningTarget } from '../support/certify.ts';

const TIMEOUT_MS = 500;
const DEADLINE_MS = 8_000;
/** After the deadline certify still gets a short budget to clean up and write its report. */
const AFTER_DEADLINE_MS = 20_000;

// The tests run concurrently: each closes its own targets when it finishes (the test's own context, as
// the global onTestFinished cannot tell concurrent tests apart).
async function start(context: TestContext, server: Server): Promise<RunningTarget> {
  const target = await listen(server);
  context.onTestFinished(() => target.close());
  return target;
}

/** A TCP server that does `onConnection` with every socket instead of speaking HTTP. */
async function startTcp(context: TestContext, onConnection: (socket: Socket) => void): Promise<RunningTarget> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const target = {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  context.onTestFinished(() => target.close());
  return target;
}

/**
 * Targets that answer get a deadline long enough for every check to see the answers even on a loaded
 * machine (the point is what the checks report); targets that do not answer get a short one.
 */
async function certifyHostile(target: string, deadlineMs = DEADLINE_MS): Promise<Awaited<ReturnType<typeof runCertify>>> {
  const run = await runCertify(['--api', 'vaa', '--target', target, '--token', 'hostile-test-token', '--timeout-ms', String(TIMEOUT_MS), '--deadline-ms', String(deadlineMs)], {
    killAfterMs: deadlineMs + AFTER_DEADLINE_MS + 30_000,
  });
  // Never a hang: the process ended on its own (not killed) with the not-certified code and a report.
  expect(run.exitCode).toBe(1);
  expect(run.report?.verdict).toBe('not-certified');
  expect(run.report!.durationMs).toBeLessThan(deadlineMs + AFTER_DEADLINE_MS);
  return run;
}

const ANSWERING_DEADLINE_MS = 60_000;

describe.concurrent('certify against hostile targets', () => {
  it('a target that accepts connections and never answers', async (context) => {
    const silent = await startTcp(context, () => undefined);
    const run = await certifyHostile(silent.url);
    expect(run.report!.problems.join('\n')).toContain(`no answer within ${TIMEOUT_MS} ms`);
  });

  it('a target that resets every connection', async (context) => {
    const resetting = await startTcp(context, (socket) => socket.resetAndDestroy());
    const run = await certifyHostile(resetting.url);
    expect(run.report!.problems.join('\n')).toContain('the target is unreachable');
  });

  it('a target that answers every request with an HTML 500', async (context) => {
    const failing = await start(context, createServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/html' }).end('<html><body><h1>500 Internal Server Error</h1></body></html>');
    }));
    const run = await certifyHostile(failing.url, ANSWERING_DEADLINE_MS);
    expect(run.report!.counts.failed).toBeGreaterThan(0);
    expect(run.report!.checks.some((check) => check.status === 'failed' && (check.actual ?? '').includes('HTTP 500'))).toBe(true);
  });

  it('a target that answers 200 with a body that is not JSON', async (context) => {
    const notJson = await start(context, createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('OK, sure');
    }));
    const run = await certifyHostile(notJson.url, ANSWERING_DEADLINE_MS);
    expect(run.report!.counts.failed).toBeGreaterThan(0);
    // Nothing the document requires can pass on answers that are not JSON.
    expect(run.report!.checks.filter((check) => check.status === 'passed' && check.level === 'MUST').map((check) => check.id)).toEqual([]);
    expect(run.report!.checks.filter((check) => check.status === 'failed' && check.kind === 'not-json').length).toBeGreaterThan(0);
  });

  it('a target that answers, but slower than the run can wait for', async (context) => {
    const slow = await start(context, createServer((_request, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":200,"message":"Success","data":[]}'), 300);
    }));
    const run = await certifyHostile(slow.url);
    expect(run.report!.problems.join('\n')).toMatch(/deadline|no answer within/);
  });

  it('a target that redirects every request to another origin: never followed', async (context) => {
    let requestsElsewhere = 0;
    const elsewhere = await start(context, createServer((_request, response) => {
      requestsElsewhere += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":200,"message":"Success","data":[]}');
    }));
    const redirecting = await start(context, createServer((request, response) => {
      response.writeHead(302, { location: `${elsewhere.url}${request.url ?? '/'}` }).end();
    }));
    const run = await certifyHostile(redirecting.url, ANSWERING_DEADLINE_MS);
    expect(requestsElsewhere).toBe(0);
    expect(run.report!.counts.failed).toBeGreaterThan(0);
  });

  it('a target that streams an endless body', async (context) => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const endless = await start(context, createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const pump = (): void => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    }));
    const run = await certifyHostile(endless.url);
    expect(run.report!.problems.join('\n')).toMatch(/exceeds \d+ bytes|no answer within/);
  });
});
