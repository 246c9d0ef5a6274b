// TEMPORARY, while each API's checks move into sections with statement catalogues: the old check shape
// (one level, one quote) turned into the new one (levels per profile, statements). Deleted once no
// suite imports it.
import type { ApiId } from '../../specs/apis.ts';
import type { Check, CheckContext, Level, Requirement, Section, Statement } from './check.ts';

export type { CheckContext } from './check.ts';

export interface CheckDoc {
  source: 'document' | 'facts' | 'real-clients' | 'project';
  section: string;
  quote: string;
}

export interface LegacyCheck {
  id: string;
  api: ApiId;
  level: Level;
  title: string;
  doc: CheckDoc;
  family: 'examples' | 'properties' | 'negative';
  requires?: Requirement[];
  run: (context: CheckContext) => Promise<void>;
}

export type { LegacyCheck as Check };

export function defineChecks(checks: LegacyCheck[]): LegacyCheck[] {
  return checks;
}

/** One section per family; one statement per check, made of its quote. */
export function legacySections(api: ApiId, families: Record<string, LegacyCheck[]>): Section[] {
  return Object.entries(families).map(([family, checks]) => {
    const statements: Statement[] = checks.map((check) => ({ id: `${api}-legacy:${check.id.split('/').slice(1).join('/')}`, section: check.doc.section, text: check.doc.quote, level: check.level }));
    const converted: Check[] = checks.map((check, index) => ({
      id: check.id,
      api: check.api,
      title: check.title,
      levels: { document: check.level },
      statements: [statements[index]?.id ?? ''],
      ...(check.requires ? { requires: check.requires } : {}),
      run: check.run,
    }));
    return { title: family, statements, checks: converted };
  });
}
