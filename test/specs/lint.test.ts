// The lint gate: it passes on every spec (each API's and its profiles'), and each of its rules fails a copy of a spec broken in
// exactly the way the rule is about. The broken copies are made from the real specs (each case from one of
// the three in turn), so the rules are tested against the documents they guard.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { LineCounter, parseDocument, stringify } from 'yaml';
import { API_IDS, APIS, SPECS, type ApiId } from '../../specs/apis.ts';
import { loadSpecDocument } from '../../specs/load.ts';
import { formatFinding, lintFile, lintSpec, run, STRUCTURAL_RULE, type LintResult } from '../../specs/lint.ts';

type Json = Record<string, any>;
type Operation = { path: string; method: string; operation: Json };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const directory = mkdtempSync(join(tmpdir(), 'userapi-lint-'));

afterAll(() => rmSync(directory, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function operationsOf(document: Json): Operation[] {
  return Object.entries(document.paths as Json).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method] as Json })),
  );
}

function firstOperation(document: Json, predicate: (operation: Json) => boolean = () => true): Operation {
  const found = operationsOf(document).find(({ operation }) => predicate(operation));
  if (!found) throw new Error('no operation fits this broken copy');
  return found;
}

/** What a local $ref points at, so that a mutation changes the element the linter will see. */
function target(document: Json, node: Json): Json {
  if (typeof node.$ref !== 'string') return node;
  return target(document, node.$ref.slice(2).split('/').map((segment: string) => segment.replaceAll('~1', '/').replaceAll('~0', '~')).reduce((parent: Json, key: string) => parent[key], document));
}

function inlineContents(operation: Json): Json[] {
  const bodies = [operation.requestBody, ...Object.values((operation.responses ?? {}) as Json)].filter((element) => element && !element.$ref);
  return bodies.flatMap((element) => Object.values((element.content ?? {}) as Json));
}

function errorRules(result: LintResult): string[] {
  return [...new Set(result.findings.filter((finding) => finding.severity === 'error').map((finding) => finding.rule))].sort();
}

function writeCopy(name: string, document: Json): string {
  const file = join(directory, `${name}.openapi.yaml`);
  writeFileSync(file, stringify(document, { lineWidth: 0 }));
  return file;
}

interface BrokenCopy {
  name: string;
  /** The error rules that must fire, and no other (so the copy itself, rewritten elsewhere, adds none). */
  rules: string[];
  breakCopy: (document: Json) => void;
}

const BROKEN_COPIES: BrokenCopy[] = [
  { name: 'missing operationId', rules: ['userapi-operation-id'], breakCopy: (d) => delete firstOperation(d).operation.operationId },
  { name: 'missing summary', rules: ['userapi-operation-summary'], breakCopy: (d) => delete firstOperation(d).operation.summary },
  { name: 'no explicit security', rules: ['userapi-operation-security'], breakCopy: (d) => delete firstOperation(d).operation.security },
  {
    name: 'a documented 4xx status without a response',
    rules: ['userapi-x-doc-status-codes'],
    breakCopy: (d) => {
      const documented4xx = (operation: Json) => (operation['x-doc']?.statusCodes ?? []).find((status: number) => status >= 400 && status < 500 && operation.responses[String(status)]);
      const { operation } = firstOperation(d, (candidate) => documented4xx(candidate) !== undefined);
      delete operation.responses[String(documented4xx(operation))];
    },
  },
  {
    name: 'no 2xx response',
    rules: ['userapi-operation-success-response'],
    breakCopy: (d) => {
      const { operation } = firstOperation(d);
      for (const status of Object.keys(operation.responses)) if (status.startsWith('2')) delete operation.responses[status];
      operation['x-doc'].statusCodes = (operation['x-doc'].statusCodes ?? []).filter((status: number) => status >= 300);
    },
  },
  {
    name: 'an operation without examples',
    rules: ['userapi-examples'],
    breakCopy: (d) => {
      const { operation } = firstOperation(d, (candidate) => inlineContents(candidate).some((content) => content.examples));
      for (const content of inlineContents(operation)) delete content.examples;
    },
  },
  { name: 'missing x-doc on an operation', rules: ['userapi-x-doc'], breakCopy: (d) => delete firstOperation(d).operation['x-doc'] },
  {
    name: 'missing x-doc on a parameter',
    rules: ['userapi-x-doc'],
    breakCopy: (d) => {
      const item = Object.values(d.paths as Json).find((candidate) => candidate.parameters?.length) as Json | undefined;
      const parameters = item?.parameters ?? firstOperation(d, (operation) => operation.parameters?.length).operation.parameters;
      delete target(d, parameters[0])['x-doc'];
    },
  },
  { name: 'missing x-doc on a request body', rules: ['userapi-x-doc'], breakCopy: (d) => delete target(d, firstOperation(d, (operation) => operation.requestBody).operation.requestBody)['x-doc'] },
  { name: 'missing x-doc on a response', rules: ['userapi-x-doc'], breakCopy: (d) => delete target(d, Object.values(firstOperation(d).operation.responses as Json)[0])['x-doc'] },
  { name: 'missing x-doc on a security scheme', rules: ['userapi-x-doc'], breakCopy: (d) => delete (Object.values(d.components.securitySchemes as Json)[0] as Json)['x-doc'] },
  { name: 'an x-doc source that is not one of the four', rules: ['userapi-x-doc'], breakCopy: (d) => void (firstOperation(d).operation['x-doc'].source = 'wiki') },
  { name: 'a dangling x-doc-quirk reference', rules: ['userapi-x-doc-quirk-reference'], breakCopy: (d) => void (firstOperation(d).operation['x-doc-quirk'] = 'no-such-quirk') },
  { name: 'a quirk without its why', rules: ['userapi-x-doc-quirks'], breakCopy: (d) => delete d['x-doc-quirks'][0].why },
  { name: 'two quirks with one id', rules: ['userapi-x-doc-quirks'], breakCopy: (d) => d['x-doc-quirks'].push({ ...d['x-doc-quirks'][0] }) },
  { name: 'missing jsonSchemaDialect', rules: ['userapi-json-schema-dialect'], breakCopy: (d) => delete d.jsonSchemaDialect },
  { name: 'a draft-07 jsonSchemaDialect', rules: ['userapi-json-schema-dialect'], breakCopy: (d) => void (d.jsonSchemaDialect = 'http://json-schema.org/draft-07/schema#') },
  {
    // Spectral's own oas3-schema sees it too; what matters is that the independent validator does.
    name: 'a structural error (a response without description)',
    rules: ['oas3-schema', STRUCTURAL_RULE],
    breakCopy: (d) => delete target(d, Object.values(firstOperation(d).operation.responses as Json)[0]).description,
  },
];

describe('the lint gate', () => {
  it.each(SPECS.map((spec) => [spec.name, spec] as const))('passes on specs/%s.openapi.yaml', async (name, spec) => {
    const result = await lintSpec(spec.api, spec.profile);
    expect(result.findings.filter((finding) => finding.severity === 'error').map((finding) => formatFinding(result.file, finding))).toEqual([]);
    expect(result.file).toBe(`specs/${name}.openapi.yaml`);
  });

  describe.each(BROKEN_COPIES.map((broken, index) => [broken.name, API_IDS[index % API_IDS.length] as ApiId, broken] as const))('fails on %s (a copy of %s)', (_name, api, broken) => {
    it(`with ${broken.rules.join(' and ')}`, async () => {
      const document = structuredClone(loadSpecDocument(api)) as Json;
      broken.breakCopy(document);
      const result = await lintFile(writeCopy(`${api}.${broken.name.replaceAll(/\W+/g, '-')}`, document));
      expect(errorRules(result)).toEqual([...broken.rules].sort());
    });
  });
});

describe('userapi lint', () => {
  it('prints file:line:col severity rule message (json path), pointing into the offending element, and exits 1', async () => {
    const document = structuredClone(loadSpecDocument('tyk')) as Json;
    const { path, method, operation } = firstOperation(document);
    delete operation.operationId;
    const file = writeCopy('tyk.cli-missing-operation-id', document);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));

    expect(await run([file])).toBe(1);

    const finding = lines.find((line) => line.includes(' userapi-operation-id '));
    const match = /^(.+):(\d+):(\d+) error userapi-operation-id (.+) \((.+)\)$/.exec(finding ?? '');
    expect(match, lines.join('\n')).not.toBeNull();
    const [, printedFile, line, , , jsonPath] = match!;
    expect(printedFile).toBe(file);
    expect(jsonPath).toBe(`$.paths['${path}'].${method}`);
    const lineCounter = new LineCounter();
    const node = parseDocument(readFileSync(file, 'utf8'), { lineCounter }).getIn(['paths', path, method], true) as { range: [number, number, number] };
    expect(Number(line)).toBeGreaterThanOrEqual(lineCounter.linePos(node.range[0]).line - 1);
    expect(Number(line)).toBeLessThanOrEqual(lineCounter.linePos(node.range[1]).line);
    expect(lines.at(-1)).toMatch(/: FAIL \(.*1 errors?, \d+ warnings/);
  });

  it('exits 0 on a clean spec and catalogue, printing their summaries', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    expect(await run(['--api', 'vaa'])).toBe(0);
    expect(lines.slice(-2)).toEqual([expect.stringMatching(/^vaa: ok \(specs\/vaa\.openapi\.yaml: 0 errors/), 'vaa statements: ok (0 errors)']);
  });

  it('fails when a testable statement has no check, or a check names no statement', async () => {
    const { statementProblems } = await import('../../suites/harness/statements.ts');
    const { certification } = await import('../../suites/vaa/index.ts');
    const [first, ...rest] = certification.sections;
    const orphan = { id: 'vaa:get/an-orphan', section: 'GET', text: 'Nothing verifies this.', level: 'MUST' as const };
    const unnamed = { ...first!.checks[0]!, id: 'vaa/get/names-nothing', statements: [] };
    const broken = { ...certification, sections: [{ ...first!, statements: [...first!.statements, orphan], checks: [...first!.checks, unnamed] }, ...rest] };
    expect(statementProblems(certification)).toEqual([]);
    expect(statementProblems(broken)).toEqual([
      'check vaa/get/names-nothing names no statement',
      'statement vaa:get/an-orphan ("Nothing verifies this.") is testable but no check of its profile verifies it',
    ]);
  });

  it.each([[['--api', 'nope']], [['--api']], [['--frobnicate']], [['--api', 'vaa', APIS.vaa.specPath]]])('exits 2 on a bad invocation: %j', async (args) => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(args)).toBe(2);
  });
});
