// The end of every run (and `userapi cleanup`): delete each user the ledger lists, through the write
// guard, and confirm each deletion by a read. Only what a read shows gone is reported deleted; the rest
// is "left behind" with the answer that shows it.
import type { ApiCertification } from './api.ts';
import type { RunConfig } from './config.ts';
import { answerOf } from './expect.ts';
import { HttpClient, type Exchange } from './http.ts';
import { inPool } from './pool.ts';
import type { LedgerEntry } from './ledger.ts';

export interface CleanedUser {
  names: Record<string, string>;
  id?: string;
}

export interface LeftBehind extends CleanedUser {
  /** Why it is still there, or could not be confirmed gone, with the answer that shows it. */
  why: string;
}

export interface CleanupReport {
  /** Users of this run a read confirmed gone (deleted by a check or by the clean-up). */
  deleted: CleanedUser[];
  leftBehind: LeftBehind[];
  /** Run-prefixed users the listing found that no answer had reported created (a lost create answer). */
  found: number;
  /** What the API gives no way to delete (vaa customers). */
  residue: string[];
  /** Why the clean-up could not list the users to find lost creates, when it could not. */
  listingProblem?: string;
}

/** Deletes and confirming reads at once: a slow target's clean-up must fit its budget. */
const CLEANUP_CONCURRENCY = 4;

const describeUser = (entry: LedgerEntry): CleanedUser => ({ names: { ...entry.names }, ...(entry.id !== undefined ? { id: entry.id } : {}) });

export async function cleanUp(certification: Pick<ApiCertification, 'inventory' | 'cleanup' | 'writeRules' | 'residue'>, config: RunConfig): Promise<CleanupReport> {
  const http = new HttpClient(config);
  const { ledger } = config.guard;
  const report: CleanupReport = { deleted: [], leftBehind: [], found: 0, residue: certification.residue?.(config) ?? [] };

  // A create whose answer was lost (a timeout) may still have made a user: the listing finds it by prefix
  // (the guard sees the listing: a listed user with an id is in the ledger then; one without is added here).
  const known = new Set(ledger.all().map((entry) => entry.key));
  const listing = await certification.inventory.list(config, http).catch((error: unknown) => ({ unavailable: (error as Error).message, exchanges: [] as Exchange[] }));
  if ('unavailable' in listing) report.listingProblem = listing.unavailable;
  for (const exchange of listing.exchanges) {
    for (const record of certification.writeRules.usersIn(exchange)) {
      const runNames = Object.fromEntries(Object.entries(record.names).filter(([, name]) => ledger.isRunName(name)));
      if (Object.keys(runNames).length === 0 || Object.values(runNames).some((name) => ledger.entryByName(name))) continue;
      ledger.recordCreated(runNames, record.id, 'found');
    }
  }
  report.found = ledger.all().filter((entry) => !known.has(entry.key)).length;

  // Users no read by id can settle (no id known, or an answer that does not tell) are settled by a listing.
  const unsettled: Array<{ entry: LedgerEntry; why: string }> = [];
  // A few at a time: a slow target's clean-up must still fit its budget.
  const reached = new Set<LedgerEntry>();
  await inPool(ledger.all(), CLEANUP_CONCURRENCY, async (entry) => {
    reached.add(entry);
    if (entry.state === 'gone') return;
    const leave = (why: string): void => void report.leftBehind.push({ ...describeUser(entry), why: config.secrets.text(why) });
    try {
      if (entry.state !== 'delete-answered') {
        const request = certification.cleanup.deleteRequest(entry);
        if (!request) {
          unsettled.push({ entry, why: 'no answer showed its id, so certify cannot address it' });
          return;
        }
        const deleted = await http.send(config.guard.authorize(request, config.credentials));
        if (deleted.response.status >= 500 || (deleted.response.status >= 300 && deleted.response.status !== 404 && deleted.response.status !== 410)) {
          leave(`DELETE answered ${answerOf(deleted)}`);
          return;
        }
      }
      const readRequest = certification.cleanup.readRequest(entry);
      if (!readRequest) {
        unsettled.push({ entry, why: 'no read by id can confirm it is gone' });
        return;
      }
      const read = await http.send(config.guard.authorize(readRequest, config.credentials));
      const gone = certification.cleanup.isGone(entry, read);
      if (gone === true) ledger.markGone(entry);
      else if (gone === false) leave(`deleted, but a read still shows it: ${read.request.method} ${read.request.url} -> ${answerOf(read)}`);
      else unsettled.push({ entry, why: `a read could not confirm it is gone: ${read.request.method} ${read.request.url} -> ${answerOf(read)}` });
    } catch (error) {
      leave(error instanceof Error ? error.message : String(error));
    }
  }, config.signal);
  for (const entry of ledger.all()) if (!reached.has(entry) && entry.state !== 'gone') report.leftBehind.push({ ...describeUser(entry), why: 'the clean-up ran out of time before it: finish with userapi cleanup --report-dir <the report folder>' });
  if (unsettled.length > 0 && !config.signal?.aborted) await settleByListing(certification, config, http, unsettled, report);
  else for (const { entry, why } of unsettled) report.leftBehind.push({ ...describeUser(entry), why: config.secrets.text(why) });
  report.deleted = ledger.all().filter((entry) => entry.state === 'gone').map(describeUser);
  return report;
}

/** A user no listed user carries the names of is gone; one still listed is left behind, with why. */
async function settleByListing(certification: Pick<ApiCertification, 'inventory' | 'writeRules'>, config: RunConfig, http: HttpClient, unsettled: Array<{ entry: LedgerEntry; why: string }>, report: CleanupReport): Promise<void> {
  const leave = (entry: LedgerEntry, why: string): void => void report.leftBehind.push({ ...describeUser(entry), why: config.secrets.text(why) });
  const listing = await certification.inventory.list(config, http).catch((error: unknown) => ({ unavailable: (error as Error).message, exchanges: [] as Exchange[] }));
  if ('unavailable' in listing) {
    for (const { entry, why } of unsettled) leave(entry, `${why}; and the users could not be listed: ${listing.unavailable}`);
    return;
  }
  const listed = new Set(listing.exchanges.flatMap((exchange) => certification.writeRules.usersIn(exchange)).flatMap((record) => Object.values(record.names).map((name) => name.toLowerCase())));
  for (const { entry, why } of unsettled) {
    if (Object.values(entry.names).some((name) => listed.has(name.toLowerCase()))) leave(entry, `${why}; and a listing still shows a user named ${Object.values(entry.names)[0]}`);
    else config.guard.ledger.markGone(entry);
  }
}

/**
 * Deletes, without waiting for the run's end, the run's users `select` picks (a check's own users, a
 * property sequence's). Best effort: what is not deleted now is deleted and confirmed at the end.
 */
export async function deleteRunUsers(config: RunConfig, select: (entry: LedgerEntry) => boolean): Promise<void> {
  const http = new HttpClient(config);
  for (const entry of config.guard.ledger.all()) {
    if (entry.state === 'gone' || entry.state === 'delete-answered' || !select(entry)) continue;
    const request = config.cleanup.deleteRequest(entry);
    if (request) await http.send(config.guard.authorize(request, config.credentials)).catch(() => undefined);
  }
}

/** Whether a ledger entry is the user named `name` (its userId, or an e-mail made of it). */
export function isNamed(entry: LedgerEntry, names: readonly string[]): boolean {
  const lower = names.map((name) => name.toLowerCase());
  return Object.values(entry.names).some((value) => {
    const text = value.toLowerCase();
    return lower.some((name) => text === name || text.startsWith(`${name}@`));
  });
}
