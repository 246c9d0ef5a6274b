// `userapi coverage`: specs/COVERAGE.md, the table that traces each API from its source document to the
// spec and the fixtures: document section -> operation -> named examples -> fixtures, the status codes
// the document gives against those the spec declares, the quirks, and what the spec adds beyond the
// document. Generated only from the specs and the fixtures, so the same files always give the same table;
// `--check` fails when the committed file is stale (run by the tests).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { OpenAPIV3_1 } from 'openapi-types';
import { APIS, DEFAULT_PROFILE, SPECS, type SpecDescription } from './apis.ts';
import { loadSpecDocument } from './load.ts';
import { loadFixtures, loadTestData, type DocReference, type Fixture, type TestDataFixture } from '../fixtures/index.ts';

export const COVERAGE_PATH = fileURLToPath(new URL('./COVERAGE.md', import.meta.url));

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type JsonObject = Record<string, unknown>;

interface DocumentedElement {
  'x-doc'?: DocReference & { statusCodes?: number[] };
  'x-doc-quirk'?: string | string[];
}

interface SpecOperation {
  method: string;
  path: string;
  operation: OpenAPIV3_1.OperationObject & DocumentedElement;
}

interface Quirk {
  id: string;
  reading: string;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` ('#/components/...') to what it names; anything else is returned as is. */
function dereference(document: OpenAPIV3_1.Document, node: unknown): unknown {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 10; hops += 1) {
    const pointer: string = current.$ref;
    if (!pointer.startsWith('#/')) break;
    current = pointer
      .slice(2)
      .split('/')
      .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((parent, key) => (isObject(parent) ? parent[key] : undefined), document);
  }
  return current;
}

function specOperations(document: OpenAPIV3_1.Document): SpecOperation[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => isObject(item?.[method])).map((method) => ({
      method: method.toUpperCase(),
      path,
      operation: item![method] as SpecOperation['operation'],
    })),
  );
}

/** The example names of a content map, once each (a form and its multipart twin often share them). */
function exampleNames(content: unknown): string[] {
  if (!isObject(content)) return [];
  return [...new Set(Object.values(content).flatMap((media) => (isObject(media) && isObject(media.examples) ? Object.keys(media.examples) : [])))];
}

/** 'request: a, b; 200: c; 404: d' */
function examplesCell(document: OpenAPIV3_1.Document, operation: SpecOperation['operation']): string {
  const parts: string[] = [];
  const requestBody = dereference(document, operation.requestBody);
  const requestExamples = exampleNames(isObject(requestBody) ? requestBody.content : undefined);
  if (requestExamples.length > 0) parts.push(`request: ${requestExamples.join(', ')}`);
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const resolved = dereference(document, response);
    const names = exampleNames(isObject(resolved) ? resolved.content : undefined);
    if (names.length > 0) parts.push(`${status}: ${names.join(', ')}`);
  }
  return parts.join('; ') || '(none)';
}

function cell(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replaceAll('|', '\\|');
}

function code(text: string): string {
  return `\`${text.replaceAll('`', "'")}\``;
}

function table(header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ['(none)'];
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

function sectionOf(element: DocumentedElement | undefined): string {
  const doc = element?.['x-doc'];
  if (!doc) return '(no x-doc)';
  return doc.source === 'document' ? doc.section : `${doc.section} (${doc.source})`;
}

function operationLabel({ method, path, operation }: SpecOperation): string {
  return `${code(`${method} ${path}`)} ${code(operation.operationId ?? '(no operationId)')}`;
}

function operationsTable(document: OpenAPIV3_1.Document, operations: SpecOperation[], fixtures: Fixture[]): string[] {
  const rows = operations.map((entry) => {
    const fixtureIds = fixtures.filter((fixture) => fixture.operationId === entry.operation.operationId).map((fixture) => code(fixture.id));
    return [cell(sectionOf(entry.operation)), operationLabel(entry), cell(examplesCell(document, entry.operation)), fixtureIds.join(', ') || '(none)'];
  });
  return table(['document section', 'operation', 'examples', 'fixtures'], rows);
}

function statusCodesTable(operations: SpecOperation[]): string[] {
  const rows = operations.map(({ operation }) => {
    const documented = (operation['x-doc']?.statusCodes ?? []).map(String);
    const declared = Object.keys(operation.responses ?? {});
    const missing = documented.filter((status) => !declared.includes(status));
    const added = declared.filter((status) => !documented.includes(status));
    return [code(operation.operationId ?? '?'), documented.join(', ') || '(none)', declared.join(', ') || '(none)', missing.join(', ') || '', added.join(', ') || ''];
  });
  return table(['operation', 'the document gives', 'the spec declares', 'documented, not declared', 'declared, not documented'], rows);
}

function quirksTable(document: OpenAPIV3_1.Document): string[] {
  const quirks = ((document as JsonObject)['x-doc-quirks'] ?? []) as Quirk[];
  return table(
    ['quirk', 'reading'],
    quirks.map((quirk) => [code(String(quirk.id)), cell(String(quirk.reading))]),
  );
}

/** Every operation, parameter, request body, response and security scheme whose x-doc source is not the document. */
function notInDocumentTable(document: OpenAPIV3_1.Document, operations: SpecOperation[]): string[] {
  const rows: string[][] = [];
  const add = (element: string, node: unknown): void => {
    const resolved = dereference(document, node) as DocumentedElement | undefined;
    const doc = resolved?.['x-doc'];
    if (doc && doc.source !== 'document') rows.push([element, doc.source, cell(doc.section), cell(doc.quote)]);
  };
  for (const entry of operations) {
    const { operation } = entry;
    const name = code(operation.operationId ?? `${entry.method} ${entry.path}`);
    add(`operation ${operationLabel(entry)}`, operation);
    for (const parameter of operation.parameters ?? []) {
      const resolved = dereference(document, parameter) as OpenAPIV3_1.ParameterObject;
      add(`${name} ${resolved.in} parameter ${code(resolved.name)}`, parameter);
    }
    if (operation.requestBody) add(`${name} request body`, operation.requestBody);
    for (const [status, response] of Object.entries(operation.responses ?? {})) add(`${name} response ${status}`, response);
  }
  for (const [name, scheme] of Object.entries(document.components?.securitySchemes ?? {})) add(`security scheme ${code(name)}`, scheme);
  return table(['element', 'source', 'section', 'quote'], rows);
}

function testDataLines(document: OpenAPIV3_1.Document, operations: SpecOperation[], testData: TestDataFixture[]): string[] {
  return testData.map((file) => {
    const users = operations
      .filter(({ operation }) => {
        const requestBody = dereference(document, operation.requestBody);
        return exampleNames(isObject(requestBody) ? requestBody.content : undefined).includes(file.name);
      })
      .map(({ operation }) => code(operation.operationId ?? '?'));
    return `- ${code(`test_data/${file.name}`)}: request example of ${users.join(', ') || '(no operation)'}`;
  });
}

function specSection(spec: SpecDescription, statements: string[]): string[] {
  const { api, profile } = spec;
  const document = loadSpecDocument(api, profile);
  const operations = specOperations(document);
  // The fixtures are the source document's examples: they belong to the document's spec only.
  const isDocument = profile === DEFAULT_PROFILE;
  const fixtures = isDocument ? loadFixtures(api) : [];
  const operationIds = new Set(operations.map(({ operation }) => operation.operationId));
  const orphans = fixtures.filter((fixture) => !operationIds.has(fixture.operationId));
  const testData = isDocument ? loadTestData(api) : [];
  const source = isDocument ? `Source document ${code(APIS[api].sourceDocument)}` : `Profile ${code(profile)} of ${code(api)}, from the facts (not the source document)`;
  return [
    `## ${spec.name}: ${spec.title}`,
    '',
    `${source}; spec ${code(`specs/${spec.name}.openapi.yaml`)}; ${operations.length} operations, ${fixtures.length} fixtures.`,
    '',
    '### Document section, operation, examples, fixtures',
    '',
    ...operationsTable(document, operations, fixtures),
    ...(orphans.length > 0 ? ['', `Fixtures naming no operation of the spec: ${orphans.map((fixture) => code(fixture.id)).join(', ')}`] : []),
    ...(testData.length > 0 ? ['', 'Test data files:', '', ...testDataLines(document, operations, testData)] : []),
    '',
    '### Status codes',
    '',
    ...statusCodesTable(operations),
    '',
    '### Quirks (x-doc-quirks)',
    '',
    ...quirksTable(document),
    '',
    '### Not in the source document',
    '',
    ...notInDocumentTable(document, operations),
    '',
    '### Statements and the checks that verify them',
    '',
    ...statements,
  ];
}

export async function renderCoverage(): Promise<string> {
  const { loadApiCertification } = await import('../suites/certify/run.ts');
  const { statementsMarkdown } = await import('../suites/harness/statements.ts');
  const sections: string[] = [];
  for (const spec of SPECS) sections.push(...specSection(spec, statementsMarkdown(await loadApiCertification(spec.api), spec.profile)));
  return [
    '# Coverage: source documents, specs, examples, fixtures',
    '',
    'Generated by `userapi coverage` from `specs/*.openapi.yaml`, `fixtures/` and the statement catalogues in `suites/`. Do not edit: run',
    '`node bin/userapi.ts coverage` after changing a spec, a fixture, a statement or a check (`--check` fails when this file is stale).',
    '',
    ...sections,
  ].join('\n');
}

/** Whether the file (specs/COVERAGE.md unless told) is what the specs and fixtures give now. */
export async function coverageIsCurrent(path = COVERAGE_PATH): Promise<boolean> {
  try {
    return readFileSync(path, 'utf8') === (await renderCoverage());
  } catch {
    return false; // A missing file is stale.
  }
}

export async function run(args: string[]): Promise<number> {
  let check: boolean;
  try {
    const { values } = parseArgs({ args, options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      console.log('usage: userapi coverage [--check]\n\nRegenerates specs/COVERAGE.md from the specs and fixtures; --check only reports a stale file (exit 1).');
      return 0;
    }
    check = values.check ?? false;
  } catch (error) {
    console.error(`userapi coverage: ${(error as Error).message}`);
    return 2;
  }
  if (check) {
    if (await coverageIsCurrent()) return 0;
    console.error("specs/COVERAGE.md is stale: run 'node bin/userapi.ts coverage'");
    return 1;
  }
  writeFileSync(COVERAGE_PATH, await renderCoverage());
  console.log('wrote specs/COVERAGE.md');
  return 0;
}
