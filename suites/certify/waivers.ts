// Waivers: a vendor's documented exceptions. A waived check still runs; the report shows it as waived
// (never as passed) with the reason, and it no longer decides the verdict. An expired waiver is ignored.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface Waiver {
  id: string;
  reason: string;
  /** YYYY-MM-DD; the waiver no longer applies from the next day on. */
  expires?: string;
}

/** The waiver that applied to a check, or that expired (then `expired` is true and the result stands). */
export type AppliedWaiver = Waiver & { expired: boolean };

/** Reads a waivers file (YAML or JSON: `waivers: [{id, reason, expires?}]`); throws a message for the CLI. */
export function readWaivers(path: string, knownIds: ReadonlySet<string>): Waiver[] {
  let document: unknown;
  try {
    document = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read waivers file ${path}: ${(error as Error).message}`);
  }
  const list = (document as { waivers?: unknown } | null)?.waivers;
  if (!Array.isArray(list)) throw new Error(`${path}: expected a top-level 'waivers:' list of {id, reason, expires?}`);
  return checkWaivers(list, knownIds, path);
}

/** Checks waivers (from a file, or given to the programmatic certify); throws a message naming `source`. */
export function checkWaivers(list: readonly unknown[], knownIds: ReadonlySet<string>, source: string): Waiver[] {
  return list.map((entry: unknown, index) => {
    const waiver = entry as Partial<Waiver> | null;
    const where = `${source}: waiver ${index + 1}`;
    if (typeof waiver?.id !== 'string' || !knownIds.has(waiver.id)) throw new Error(`${where}: unknown check id '${String(waiver?.id)}' (see 'userapi certify --dry-run')`);
    if (typeof waiver.reason !== 'string' || waiver.reason.trim() === '') throw new Error(`${where} (${waiver.id}): a reason is required`);
    const expires = waiver.expires as unknown;
    const expiresText = expires instanceof Date ? expires.toISOString().slice(0, 10) : expires;
    if (expiresText !== undefined && (typeof expiresText !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(expiresText))) throw new Error(`${where} (${waiver.id}): expires must be YYYY-MM-DD`);
    return { id: waiver.id, reason: waiver.reason, ...(expiresText !== undefined ? { expires: expiresText as string } : {}) };
  });
}

export function waiverFor(id: string, waivers: readonly Waiver[], now: Date): AppliedWaiver | undefined {
  const waiver = waivers.find((candidate) => candidate.id === id);
  if (!waiver) return undefined;
  return { ...waiver, expired: waiver.expires !== undefined && waiver.expires < now.toISOString().slice(0, 10) };
}
