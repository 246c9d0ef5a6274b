// The reports fit where they go, checked on a real failing run (a target whose every answer carries
// long unbreakable strings, so nearly every check fails with long Expected / Actual and reproductions):
// report.md stays within a pull-request comment, junit.xml's counts agree with its test cases, and
// report.html is readable without horizontal scrolling at 1280 px and on a 390 px phone, as laid out
// by a real headless Chromium.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certify, startMock, type Report, type RunningMock } from '../../index.ts';
import { MARKDOWN_BUDGET } from '../../suites/certify/report/markdown.ts';
import { mapJson, startRewritingProxy, type RunningTarget } from '../support/certify.ts';
import { Browser, CHROMIUM_PATH, HAVE_CHROMIUM, MEASURE_OVERFLOW, type Overflow } from '../support/browser.ts';

/** Every string of an answer, lengthened by an unbreakable run: equality checks fail, with long values. */
function lengthen(value: unknown): unknown {
  if (typeof value === 'string') return `${value}-${'Z'.repeat(400)}`;
  if (Array.isArray(value)) return value.map(lengthen);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, lengthen(inner)]));
  return value;
}

let mock: RunningMock;
let proxy: RunningTarget;
let directory: string;
let report: Report;
const read = (name: string): string => readFileSync(join(directory, name), 'utf8');

beforeAll(async () => {
  mock = await startMock({ apis: 'vaa' });
  proxy = await startRewritingProxy(mock.url, { response: (answer) => mapJson(answer, lengthen) });
  directory = mkdtempSync(join(tmpdir(), 'userapi-reports-'));
  report = await certify({ api: 'vaa', target: proxy.url, credentials: { token: mock.credentials.vaa.token }, runs: 5, reportDirectory: directory });
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await mock?.close();
  rmSync(directory, { recursive: true, force: true });
});

it('the run is the hard case: not certified, with most checks failing at length', () => {
  expect(report.verdict).toBe('not-certified');
  const failing = report.checks.filter((check) => check.status === 'failed' || check.status === 'errored');
  expect(failing.length).toBeGreaterThanOrEqual(30);
  expect(failing.some((check) => (check.actual ?? '').includes('Z'.repeat(400)))).toBe(true);
});

describe('report.md', () => {
  it(`stays within ${MARKDOWN_BUDGET} characters, leads with the verdict, and points at the rest`, () => {
    const markdown = read('report.md');
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_BUDGET);
    expect(markdown).toMatch(/^# ❌ vaa: NOT CERTIFIED/);
    expect(markdown).toContain('## Failures');
    // Not every failure fits: the ones left out are counted and pointed at.
    const left = Number(/\*\*(\d+) more failing checks\*\* are in `report\.html` and `report\.json`/.exec(markdown)?.[1]);
    expect(left).toBeGreaterThan(0);
    expect(markdown.match(/^### /gm)?.length).toBe(report.checks.filter((check) => ['failed', 'errored', 'blocked'].includes(check.status)).length - left);
    // Every fenced block that was opened is closed: the cut never lands inside one.
    const fences = markdown.split('\n').filter((line) => /^`{3,}$/.test(line));
    expect(fences.length % 2).toBe(0);
  });
});

describe('junit.xml', () => {
  it('tests equals the number of testcases, overall and in every testsuite; failures, errors and skipped add up', () => {
    const junit = read('junit.xml');
    const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;
    const attribute = (tag: string, name: string): number => Number(new RegExp(`${name}="(\\d+)"`).exec(tag)?.[1]);
    const root = /<testsuites [^>]*>/.exec(junit)![0];
    expect(attribute(root, 'tests')).toBe(count(junit, /<testcase /g));
    expect(attribute(root, 'failures')).toBe(count(junit, /<failure /g));
    expect(attribute(root, 'errors')).toBe(count(junit, /<error /g));
    expect(attribute(root, 'skipped')).toBe(count(junit, /<skipped /g));
    const suites = [...junit.matchAll(/<testsuite [^>]*>[\s\S]*?<\/testsuite>/g)].map((match) => match[0]);
    expect(suites.length).toBeGreaterThan(1);
    for (const suite of suites) {
      const open = /<testsuite [^>]*>/.exec(suite)![0];
      expect(attribute(open, 'tests'), open).toBe(count(suite, /<testcase /g));
      expect(attribute(open, 'failures'), open).toBe(count(suite, /<failure /g));
    }
    // One testcase per check of the profile, plus the safety proof.
    expect(attribute(root, 'tests')).toBe(report.checks.length + 1 + (report.problems.length > 0 ? 1 : 0));
  });
});

describe.skipIf(!HAVE_CHROMIUM)(`report.html in headless Chromium${HAVE_CHROMIUM ? '' : ` (skipped: no Chromium at ${CHROMIUM_PATH}; apt-get install chromium, or set CHROMIUM_PATH)`}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await Browser.launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['a laptop', { width: 1280, height: 800, mobile: false }],
    ['a phone', { width: 390, height: 844, mobile: true }],
  ])('nothing overflows horizontally on %s (%j)', async (_name, viewport) => {
    const overflow = await browser.evaluate<Overflow>(pathToFileURL(join(directory, 'report.html')).href, viewport, MEASURE_OVERFLOW);
    expect(overflow.innerWidth).toBe(viewport.width);
    expect(overflow.outside).toEqual([]);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
  }, 60_000);

  it('the measure sees an overflow where there is one (a fixed-width element wider than the phone)', async () => {
    const page = join(directory, 'wide.html');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(page, '<!doctype html><meta name="viewport" content="width=device-width, initial-scale=1"><body><pre style="white-space:pre">' + 'x'.repeat(200) + '</pre></body>');
    const overflow = await browser.evaluate<Overflow>(pathToFileURL(page).href, { width: 390, height: 844, mobile: true }, MEASURE_OVERFLOW);
    expect(overflow.count).toBeGreaterThan(0);
    expect(overflow.scrollWidth).toBeGreaterThan(390);
  }, 60_000);
});
