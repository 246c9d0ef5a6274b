// The package as a user gets it: `npm pack` (which builds dist/ through prepack), the tarball installed
// into an empty project in the temporary directory (so nothing resolves to this repository's
// node_modules; npm uses its cache first, as CI's `npm ci` filled it), then the installed `userapi` run
// from there: --version, mock (a documented request, a CORS preflight, the journal, Ctrl-C), certify
// (its verdict, and the reports in THAT project's folder), lint, and the programmatic API from plain
// JavaScript and from type-checked TypeScript.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The document's Example 2 (GET /api/v2/users?email=tset), as fixtures/ holds it. */
const EXAMPLE = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'vaa', 'list-users.get-users-by-email.json'), 'utf8')) as { request: { headers: Record<string, string> }; response: { status: number; body: unknown } };
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; engines: { node: string } };

/** A user's PATH: without this repository's node_modules/.bin (which `npm test` puts first) or npm's variables. */
const USER_PATH = (process.env['PATH'] ?? '').split(delimiter).filter((entry) => entry !== '' && !entry.startsWith(ROOT)).join(delimiter);
const USER_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_') && !name.startsWith('VITEST') && name !== 'NODE_OPTIONS' && name !== 'PATH'));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd: string; path: string; timeoutMs?: number }): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...USER_ENV, PATH: options.path }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let work: string;
let project: string;
/** PATH with the pinned Node 24 first: how a user with Node 24 runs the tool. */
let node24Path: string;
let packed: { filename: string; size: number; unpackedSize: number; entryCount: number; files: Array<{ path: string; mode: number }> };
let userapi: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'userapi-package-'));
  mkdirSync(join(work, 'bin'));
  symlinkSync(process.execPath, join(work, 'bin', 'node'));
  node24Path = `${join(work, 'bin')}${delimiter}${USER_PATH}`;
  // npm itself runs on whatever Node the user has (CI: 20); only the prepack build needs this repo's tools.
  const pack = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, path: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${node24Path}`, timeoutMs: 240_000 });
  expect(pack.code, pack.stderr).toBe(0);
  packed = (JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as (typeof packed)[])[0]!;
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-client-team', version: '1.0.0', private: true, type: 'module' }, null, 2));
  const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, packed.filename)], { cwd: project, path: USER_PATH, timeoutMs: 300_000 });
  expect(install.code, install.stderr).toBe(0);
  userapi = join(project, 'node_modules', '.bin', 'userapi');
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('holds what runs and nothing else: dist/, the specs, the fixtures, README, LICENSE', () => {
    const paths = packed.files.map((file) => file.path);
    for (const path of ['LICENSE', 'README.md', 'package.json', 'dist/bin/userapi.js', 'dist/index.js', 'dist/index.d.ts', 'dist/project.js', 'specs/vaa.openapi.yaml', 'specs/checkmarx.openapi.yaml', 'specs/tyk.openapi.yaml']) expect(paths).toContain(path);
    expect(paths.some((path) => path.startsWith('fixtures/vaa/') && path.endsWith('.json'))).toBe(true);
    const stray = paths.filter((path) => !/^(dist\/.*\.(js|d\.ts)|specs\/[^/]+\.openapi\.yaml|fixtures\/.*\.json|README\.md|LICENSE|package\.json)$/.test(path));
    expect(stray).toEqual([]);
    expect(packed.files.find((file) => file.path === 'dist/bin/userapi.js')!.mode & 0o111).not.toBe(0);
    expect(readFileSync(join(project, 'node_modules', MANIFEST.name, 'dist', 'bin', 'userapi.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('declares what it needs: not private, engines, exports with types, no dev tool among the dependencies', () => {
    const installed = JSON.parse(readFileSync(join(project, 'node_modules', MANIFEST.name, 'package.json'), 'utf8')) as Record<string, any>;
    expect(installed['private']).toBeUndefined();
    expect(installed['engines']).toEqual(MANIFEST.engines);
    expect(installed['exports']['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    for (const tool of ['vitest', 'typescript', 'node', 'autocannon', '@stoplight/prism-cli']) expect(Object.keys(installed['dependencies'])).not.toContain(tool);
    // Nothing of the test runner came along.
    expect(existsSync(join(project, 'node_modules', 'vitest'))).toBe(false);
  });
});

describe('the installed userapi', () => {
  it('--version prints the package version', async () => {
    expect(await run(userapi, ['--version'], { cwd: project, path: node24Path })).toMatchObject({ code: 0, stdout: `${MANIFEST.version}\n` });
  });

  const userNode = userNodeVersion();
  it.skipIf(userNode === undefined || !olderThanRequired(userNode))(`on the user's own Node ${userNode ?? '(none)'}, older than ${MANIFEST.engines.node}, says which Node it needs and how to get it`, async () => {
    const exit = await run(userapi, ['mock'], { cwd: project, path: USER_PATH });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(`userapi needs Node.js ${MANIFEST.engines.node} and this is ${userNode}`);
    expect(exit.stderr).toContain('npx -p node@24 userapi mock');
  });

  it('mock: answers a documented request, a CORS preflight and the journal; Ctrl-C stops it with 130', async () => {
    const child = spawn(userapi, ['mock', '--port', '0'], { cwd: project, env: { ...USER_ENV, PATH: node24Path }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await expect.poll(() => output, { timeout: 60_000, interval: 100 }).toMatch(/listening on http:\/\/\S+/);
      const url = /listening on (http:\/\/\S+)/.exec(output)![1]!;
      // The document's Example 2, as its curl sends it.
      const listed = await request(`${url}/api/v2/users?email=tset`, { headers: EXAMPLE.request.headers });
      expect(listed.statusCode).toBe(EXAMPLE.response.status);
      expect(await listed.body.json()).toEqual(EXAMPLE.response.body);
      const preflight = await request(`${url}/api/users`, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:3000');
      await preflight.body.dump();
      const journal = await request(`${url}/__userapi/requests?api=vaa`);
      expect(((await journal.body.json()) as { requests: Array<{ path: string; query: unknown; status: number }> }).requests).toMatchObject([{ path: '/api/v2/users', query: { email: 'tset' }, status: 200 }]);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);

  it('certify --api vaa: exits with its verdict and writes the reports in the project\'s own folder', async () => {
    const exit = await run(userapi, ['certify', '--api', 'vaa', '--quiet'], { cwd: project, path: node24Path, timeoutMs: 180_000 });
    const folders = readdirSync(join(project, 'reports')).filter((name) => name.startsWith('vaa-'));
    expect(folders).toHaveLength(1);
    const folder = join(project, 'reports', folders[0]!);
    for (const file of ['report.json', 'junit.xml', 'report.md', 'report.html', 'ledger.jsonl']) expect(existsSync(join(folder, file)), file).toBe(true);
    const report = JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8')) as { verdict: 'certified' | 'not-certified' | 'incomplete'; toolVersion: string };
    expect(exit.code).toBe({ certified: 0, 'not-certified': 1, incomplete: 3 }[report.verdict]);
    expect(exit.stdout).toContain(`report: ${folder}/report.html`);
    expect(report.toolVersion).toBe(`${MANIFEST.name}@${MANIFEST.version}`);
    expect(existsSync(join(project, 'node_modules', MANIFEST.name, 'reports'))).toBe(false);
  }, 180_000);

  it('lint: the specs it ships pass the lint gate with the runtime dependencies alone', async () => {
    const exit = await run(userapi, ['lint'], { cwd: project, path: node24Path });
    expect(exit.code, exit.stdout + exit.stderr).toBe(0);
  }, 120_000);

  it('commands that regenerate the source tree are not offered', async () => {
    const exit = await run(userapi, ['coverage'], { cwd: project, path: node24Path });
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain("'coverage' regenerates files of the source tree: it runs only in the project's repository");
  });
});

describe('the programmatic API, installed', () => {
  it('startMock and certify from plain JavaScript', async () => {
    writeFileSync(
      join(project, 'client.test.mjs'),
      `import { startMock, certify } from '${MANIFEST.name}';
const mock = await startMock({ apis: ['vaa'] });
const answer = await fetch(mock.urlOf('vaa') + '/api/v2/users?email=tset', { headers: { 'x-lxt-api-token': mock.credentials.vaa.token } });
const body = await answer.json();
const sent = mock.requests({ operationId: 'listUsers' }).map(({ path, query, headers }) => ({ path, query, token: headers['x-lxt-api-token'] }));
await mock.close();
const report = await certify({ api: 'vaa', only: ['vaa/list-users/get-all-users'], reportDirectory: 'reports/from-code' });
console.log(JSON.stringify({ status: answer.status, body, sent, verdict: report.verdict, ran: report.checks.filter((check) => check.status !== 'skipped').map((check) => check.id + ' ' + check.status) }));
`,
    );
    const exit = await run('node', ['client.test.mjs'], { cwd: project, path: node24Path });
    expect(exit.stderr).toBe('');
    expect(JSON.parse(exit.stdout)).toEqual({
      status: 200,
      body: EXAMPLE.response.body,
      sent: [{ path: '/api/v2/users', query: { email: 'tset' }, token: '[redacted]' }],
      verdict: 'incomplete',
      ran: ['vaa/list-users/get-all-users passed'],
    });
    expect(existsSync(join(project, 'reports', 'from-code', 'report.html'))).toBe(true);
  }, 120_000);

  it('its declarations type-check a TypeScript client (the README\'s example, strict)', async () => {
    writeFileSync(
      join(project, 'client.ts'),
      `import { startMock, certify, type RunningMock, type Report, type JournalEntry } from '${MANIFEST.name}';
export async function check(): Promise<[string, JournalEntry[], Report['verdict']]> {
  const mock: RunningMock = await startMock({ apis: ['tyk'], seed: 'empty', cors: false });
  const entries = mock.requests({ api: 'tyk' });
  await mock.reset({ api: 'tyk' });
  await mock.close();
  const report: Report = await certify({ api: 'tyk', target: mock.url, credentials: { token: mock.credentials.tyk.accessKey, adminSecret: mock.credentials.tyk.adminSecret } });
  return [mock.urlOf('tyk'), entries, report.verdict];
}
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')] }, files: ['client.ts'] }),
    );
    const exit = await run('node', [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: project, path: node24Path });
    expect(exit.stdout + exit.stderr).toBe('');
    expect(exit.code).toBe(0);
  }, 120_000);
});

/** The version of the `node` a user's PATH finds (CI: 20), or undefined when there is none. */
function userNodeVersion(): string | undefined {
  const result = spawnSync('node', ['--version'], { env: { ...USER_ENV, PATH: USER_PATH }, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}

function olderThanRequired(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [needMajor = 0, needMinor = 0] = (/>=\s*(\d+)(?:\.(\d+))?/.exec(MANIFEST.engines.node) ?? []).slice(1).map(Number);
  return major < needMajor || (major === needMajor && minor < needMinor);
}
