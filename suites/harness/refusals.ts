// The negative checks every API has, written once: the same request sent with each bad credential (none,
// made up, forged) must be refused; each invalid request must get a 4xx, never a 5xx and never a
// success. What a refusal looks like (401 only, 401 or 403, any 4xx) and what must be left unchanged
// afterwards is each API's; the looping, the typed failures and the reproduction are here.
import type { Exchange, HttpRequest } from './http.ts';
import { answerOf, fail } from './expect.ts';

/** One way of sending a request without a valid credential: headers to set (a string) or remove (null). */
export interface BadCredential {
  label: string;
  headers: Record<string, string | null>;
}

export interface Answer {
  label: string;
  exchange: Exchange;
}

/** Sends `request` once per bad credential, through `send` (which must not add the run's credential). */
export async function sendWithEach(send: (request: HttpRequest) => Promise<Exchange>, request: HttpRequest, credentials: readonly BadCredential[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const credential of credentials) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) if (!(name.toLowerCase() in lowerKeys(credential.headers))) headers[name] = value;
    for (const [name, value] of Object.entries(credential.headers)) if (value !== null) headers[name] = value;
    answers.push({ label: credential.label, exchange: await send({ ...request, headers }) });
  }
  return answers;
}

function lowerKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
}

export interface RefusalExpectation {
  /** The statuses that count as the refusal (e.g. [401], [401, 403]); undefined: any 4xx. */
  statuses?: readonly number[];
  /** How Expected reads, e.g. 'HTTP 401 (the document\'s "Code: 401 Unauthorized")'. */
  expected?: string;
  /** The operation whose answer is wrong when one is not refused: the root-cause key. */
  operation?: string;
}

/** Every answer is the refusal: never a success, never a 5xx, and one of `statuses` when given. */
export function expectEachRefused(answers: readonly Answer[], what: string, expectation: RefusalExpectation = {}): void {
  const { statuses } = expectation;
  const expected = expectation.expected ?? (statuses ? `HTTP ${statuses.join(' or ')}` : 'a 4xx refusal');
  for (const { label, exchange } of answers) {
    const { status } = exchange.response;
    const refused = statuses ? statuses.includes(status) : status >= 400 && status < 500;
    if (refused) continue;
    fail(`${what} ${label}: HTTP ${status}, expected ${expected}`, expected, answerOf(exchange), {
      kind: status >= 500 ? 'server-error' : status < 400 ? 'not-refused' : 'status',
      exchanges: [exchange],
      ...(expectation.operation ? { operation: expectation.operation } : {}),
    });
  }
}
