// `userapi lint`: the lint gate of the specs (each API's, and its profiles'). Two independent judges read each file: Spectral
// (`spectral:oas` plus the project's rules in ruleset.ts) and @seriousme/openapi-schema-validator, which
// checks the document against the OpenAPI 3.1 JSON schema with its own code. Any error from either fails
// the gate; warnings are printed only.
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Document, Ruleset, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
import Parsers from '@stoplight/spectral-parsers';
import { Validator } from '@seriousme/openapi-schema-validator';
import { parse } from 'yaml';
import { API_IDS, DEFAULT_PROFILE, SPECS, parseApiList, specOf, type ApiId, type Profile } from './apis.ts';
import { ruleset } from './ruleset.ts';
import { PROJECT_ROOT } from '../project.ts';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Finding {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: Severity;
  /** A Spectral rule name, or STRUCTURAL_RULE for the independent validator. */
  rule: string;
  message: string;
  /** Where in the document, as a JSONPath ('$.paths['/api/users'].get'). */
  path: string;
}

export interface LintResult {
  /** The file as printed in findings (relative to the project root when it is inside it). */
  file: string;
  findings: Finding[];
  errorCount: number;
  warningCount: number;
}

/** The rule name under which the independent OpenAPI validator's findings are reported. */
export const STRUCTURAL_RULE = 'openapi-schema-validator';

// Spectral's DiagnosticSeverity: 0 error, 1 warning, 2 information, 3 hint.
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

let spectral: Spectral | undefined;

// Building the ruleset compiles every rule's schemas: once per process.
function getSpectral(): Spectral {
  if (!spectral) {
    spectral = new Spectral();
    spectral.setRuleset(new Ruleset(ruleset, { severity: 'recommended' }));
  }
  return spectral;
}

let structuralValidator: Validator | undefined;

// Compiling the OpenAPI JSON schemas costs more than validating: one validator per process. Reusing it
// is safe: after its only await, validate() runs to the end synchronously.
function getStructuralValidator(): Validator {
  structuralValidator ??= new Validator();
  return structuralValidator;
}

/** A JSONPath for a list of keys: identifiers as `.key`, indices as `[0]`, anything else as `['key']`. */
export function toJsonPath(segments: ReadonlyArray<string | number>): string {
  return segments
    .map((segment) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) return `.${segment}`;
      return `['${segment.replaceAll("'", "\\'")}']`;
    })
    .reduce((path, part) => path + part, '$');
}

function fromSpectral(diagnostic: ISpectralDiagnostic): Finding {
  return {
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    severity: SEVERITIES[diagnostic.severity] ?? 'error',
    rule: String(diagnostic.code),
    message: diagnostic.message,
    path: toJsonPath(diagnostic.path),
  };
}

function pointerToSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

type Position = { line: number; character: number };

/** The independent validator's errors; `locate` gives the 0-based position of a JSON path in the file. */
async function structuralFindings(text: string, locate: (path: string[]) => Position): Promise<Finding[]> {
  let data: Record<string, unknown>;
  try {
    // Parsed again, by the `yaml` package rather than Spectral's parser: the judges share nothing.
    data = parse(text) as Record<string, unknown>;
  } catch {
    return []; // Spectral reports YAML syntax errors already, with their positions.
  }
  const result = await getStructuralValidator().validate(data);
  if (result.valid) return [];
  const errors = typeof result.errors === 'string' || result.errors === undefined ? [{ instancePath: '', message: String(result.errors), params: {} }] : result.errors;
  // AJV adds a "must match 'else' schema" to every error inside an if/then/else: noise beside the real one.
  const meaningful = errors.length > 1 ? errors.filter((error) => (error as { keyword?: string }).keyword !== 'if') : errors;
  const findings = meaningful.map((error): Finding => {
    const segments = pointerToSegments(error.instancePath);
    const start = locate(segments);
    const detail = Object.keys(error.params ?? {}).length > 0 ? ` ${JSON.stringify(error.params)}` : '';
    return {
      line: start.line + 1,
      column: start.character + 1,
      severity: 'error',
      rule: STRUCTURAL_RULE,
      message: `${error.message ?? 'invalid'}${detail}`,
      path: toJsonPath(segments),
    };
  });
  // A oneOf in the OpenAPI schema reports the same place once per branch; once is enough.
  const unique = new Map(findings.map((finding) => [`${finding.path} ${finding.message}`, finding]));
  return [...unique.values()];
}

function displayName(filePath: string): string {
  const fromRoot = relative(PROJECT_ROOT, filePath);
  return fromRoot.startsWith('..') ? filePath : fromRoot;
}

/** Lints one OpenAPI file (any path: the tests lint broken copies in a temporary directory). */
export async function lintFile(filePath: string): Promise<LintResult> {
  const absolutePath = resolve(filePath);
  const file = displayName(absolutePath);
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (error) {
    const finding: Finding = { line: 1, column: 1, severity: 'error', rule: 'file', message: (error as Error).message, path: '$' };
    return { file, findings: [finding], errorCount: 1, warningCount: 0 };
  }
  const document = new Document(text, Parsers.Yaml, absolutePath);
  const locate = (path: string[]): Position => document.getRangeForJsonPath(path, true)?.start ?? { line: 0, character: 0 };
  const findings = [...(await getSpectral().run(document)).map(fromSpectral), ...(await structuralFindings(text, locate))];
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  return {
    file,
    findings,
    errorCount: findings.filter((finding) => finding.severity === 'error').length,
    warningCount: findings.filter((finding) => finding.severity === 'warning').length,
  };
}

export function lintSpec(api: ApiId, profile: Profile = DEFAULT_PROFILE): Promise<LintResult> {
  return lintFile(specOf(api, profile).specPath);
}

export function formatFinding(file: string, finding: Finding): string {
  return `${file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule} ${finding.message} (${finding.path})`;
}

function specsOf(apis: readonly ApiId[]): typeof SPECS {
  return SPECS.filter((spec) => apis.includes(spec.api));
}

function summaryLine(label: string, result: LintResult): string {
  const verdict = result.errorCount > 0 ? 'FAIL' : 'ok';
  const others = result.findings.length - result.errorCount - result.warningCount;
  const more = others > 0 ? `, ${others} info` : '';
  return `${label}: ${verdict} (${result.file}: ${result.errorCount} errors, ${result.warningCount} warnings${more})`;
}

const USAGE = `usage: userapi lint [--api ${API_IDS.join(',')}] [file.openapi.yaml ...]

Lints each spec (every profile of each API) with Spectral (spectral:oas + the project's rules,
specs/ruleset.ts) and with an independent OpenAPI 3.1 validator, then each API's statement catalogue
(every testable statement verified by a check, every check naming a statement). Given files, lints only
those files.
Exit code: 0 clean (warnings allowed), 1 any error, 2 bad invocation.`;

export async function run(args: string[]): Promise<number> {
  let targets: Array<{ label: string; path: string }>;
  let apis: ApiId[] = [];
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { api: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (values.api !== undefined && positionals.length > 0) throw new Error('give either --api or files, not both');
    if (positionals.length === 0) apis = values.api === undefined ? [...API_IDS] : parseApiList(values.api);
    targets =
      positionals.length > 0
        ? positionals.map((path) => ({ label: path, path }))
        : specsOf(apis).map((spec) => ({ label: spec.name, path: spec.specPath }));
  } catch (error) {
    console.error(`userapi lint: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }

  let failed = false;
  const summaries: string[] = [];
  for (const target of targets) {
    const result = await lintFile(target.path);
    for (const finding of result.findings) console.log(formatFinding(result.file, finding));
    summaries.push(summaryLine(target.label, result));
    failed ||= result.errorCount > 0;
  }
  if (apis.length > 0) {
    // The statement catalogues: every testable statement verified by a check, every check naming one.
    const { loadApiCertification } = await import('../suites/certify/run.ts');
    const { statementProblems } = await import('../suites/harness/statements.ts');
    for (const api of apis) {
      const problems = statementProblems(await loadApiCertification(api));
      for (const problem of problems) console.log(`suites/${api}: error statements ${problem}`);
      summaries.push(`${api} statements: ${problems.length > 0 ? 'FAIL' : 'ok'} (${problems.length} errors)`);
      failed ||= problems.length > 0;
    }
  }
  for (const summary of summaries) console.log(summary);
  return failed ? 1 : 0;
}
