// How the Tyk statements and checks are written down: a statement of the source document (catalogue
// `tyk`, the document's "Users" page) or of the facts' Dashboard 5.8 section (catalogue `tyk-5.8`),
// verbatim, and a check's level in each profile.
import type { Profile } from '../../specs/apis.ts';
import type { Level, Requirement, Statement } from '../harness/check.ts';
import { DASHBOARD_58 } from './answers.ts';

/** A statement of the source document; `section` is the heading path below the page's "Users". */
export function documented(slug: string, section: string, text: string, level: Level = 'MUST', untestable?: string): Statement {
  return { id: `tyk:${slug}`, section: `Users > ${section}`, text, level, ...(untestable ? { untestable } : {}) };
}

const FACTS_SECTION = 'Tyk Dashboard 5.8 (the current product), Users endpoints in detail';

/** A statement of the facts' Dashboard 5.8 section; `row` is the operation's row of its table (or the paragraph). */
export function dashboard58(slug: string, row: string, text: string, level: Level = 'MUST', untestable?: string): Statement {
  return { id: `tyk-5.8:${slug}`, section: `${FACTS_SECTION} > ${row}`, text, level, ...(untestable ? { untestable } : {}) };
}

/** A check's level under `document` and under `tyk-5.8` (undefined: not in that profile). */
export function levels(document: Level | undefined, dashboard: Level | undefined): Partial<Record<Profile, Level>> {
  return { ...(document ? { document } : {}), ...(dashboard ? { [DASHBOARD_58]: dashboard } : {}) };
}

/** The same level in both profiles: a behaviour of the document's Dashboard that 5.8 keeps. */
export function both(level: Level): Partial<Record<Profile, Level>> {
  return levels(level, level);
}

export const WRITE: Requirement[] = ['write'];
export const WRITE_ADMIN: Requirement[] = ['write', 'admin-secret'];
export const LIMITED: Requirement[] = ['write', 'limited-token'];
