// The statement catalogues and the checks that verify them, as `userapi lint` judges them and
// specs/COVERAGE.md shows them: every check names at least one statement that exists; every testable
// statement of a profile's catalogue is verified by at least one check of that profile.
import { profilesOf, specOf, type ApiId, type Profile } from '../../specs/apis.ts';
import type { ApiCertification } from './api.ts';
import { levelIn, type Check, type Statement } from './check.ts';

/** The statements of a certification, by id. */
export function statementsOf(certification: ApiCertification): Map<string, Statement> {
  return new Map(certification.sections.flatMap((section) => section.statements).map((statement) => [statement.id, statement]));
}

export function catalogueOf(statementId: string): string {
  return statementId.slice(0, statementId.indexOf(':'));
}

/** The catalogue whose statements a profile's verdict covers: named like the profile's spec ('vaa', 'tyk-5.8'). */
export function profileCatalogue(api: ApiId, profile: Profile): string {
  return specOf(api, profile).name;
}

/** The checks that verify a statement in the profile whose catalogue it belongs to. */
export function checksOfStatement(certification: ApiCertification, statement: Statement): Check[] {
  const profiles = profilesOf(certification.api).filter((profile) => profileCatalogue(certification.api, profile) === catalogueOf(statement.id));
  return certification.sections.flatMap((section) => section.checks).filter((check) => check.statements.includes(statement.id) && profiles.some((profile) => levelIn(check, profile) !== undefined));
}

/** What is wrong with the catalogues and checks of one API, one line each; [] when nothing is. */
export function statementProblems(certification: ApiCertification): string[] {
  const problems: string[] = [];
  const catalogues = new Set(profilesOf(certification.api).map((profile) => profileCatalogue(certification.api, profile)));
  const seen = new Set<string>();
  for (const section of certification.sections) {
    for (const statement of section.statements) {
      if (seen.has(statement.id)) problems.push(`statement ${statement.id} is defined twice`);
      seen.add(statement.id);
      if (!catalogues.has(catalogueOf(statement.id))) problems.push(`statement ${statement.id} belongs to no profile's catalogue (${[...catalogues].join(', ')})`);
      if (statement.text.trim() === '') problems.push(`statement ${statement.id} has no text`);
    }
  }
  const statements = statementsOf(certification);
  for (const check of certification.sections.flatMap((section) => section.checks)) {
    if (check.statements.length === 0) problems.push(`check ${check.id} names no statement`);
    for (const id of check.statements) if (!statements.has(id)) problems.push(`check ${check.id} names ${id}, which no catalogue has`);
  }
  for (const statement of statements.values()) {
    if (statement.untestable) continue;
    if (checksOfStatement(certification, statement).length === 0) problems.push(`statement ${statement.id} ("${statement.text.slice(0, 80)}") is testable but no check of its profile verifies it`);
  }
  return problems;
}

/** The statements of one API (of one profile, when given) as Markdown: id, level, section and verbatim text, and the checks (or why none). */
export function statementsMarkdown(certification: ApiCertification, only?: Profile): string[] {
  const lines: string[] = [];
  for (const profile of profilesOf(certification.api).filter((candidate) => only === undefined || candidate === only)) {
    const spec = specOf(certification.api, profile);
    const statements = [...statementsOf(certification).values()].filter((statement) => catalogueOf(statement.id) === spec.name);
    const testable = statements.filter((statement) => !statement.untestable);
    lines.push(`#### Statements of profile \`${profile}\` (${spec.title})`, '', `${statements.length} statements, ${testable.length} testable from outside, ${testable.filter((statement) => checksOfStatement(certification, statement).length > 0).length} verified by a check.`, '');
    if (statements.length === 0) continue;
    lines.push('| statement | level | text | checks |', '|---|---|---|---|');
    for (const statement of statements) {
      const checks = statement.untestable ? `not testable: ${statement.untestable}` : checksOfStatement(certification, statement).map((check) => `\`${check.id}\``).join(', ') || '**none**';
      lines.push(`| \`${statement.id}\` | ${statement.level} | ${statement.section}: ${statement.text.replace(/\|/g, '\\|').replace(/\n/g, ' ')} | ${checks} |`);
    }
    lines.push('');
  }
  return lines;
}
