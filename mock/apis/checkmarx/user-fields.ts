// The user fields the mock reads beyond the spec's schema: an expiration date in the forms clients send,
// and the product's password policy (facts.md).
import type { MockReply } from '../../module.ts';
import { errorBody } from './replies.ts';

const DATE_OR_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An expiration date as the samples show it (an RFC 3339 date-time), from what clients send: a date-time,
 * a date (`2030-01-01`) or `2099-07-30 12:00:00`; without an offset the time is UTC. Undefined when the
 * text is not a date.
 */
function toDateTime(text: string): string | undefined {
  const match = DATE_OR_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hours = '00', minutes = '00', seconds = '00', fraction = '', offset = 'Z'] = match as unknown as string[];
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  const valid = Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= daysInMonth && Number(hours) < 24 && Number(minutes) < 60 && Number(seconds) < 60;
  if (!valid) return undefined;
  const zone = offset.toUpperCase() === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
  return `${year}-${month}-${day}T${hours}:${minutes}:${seconds}${fraction}${zone}`;
}

/** `expirationDate` as stored, or the 400 that names it. */
export function readExpirationDate(value: string | null): { value: string | null } | { reply: MockReply } {
  if (value === null || value.trim() === '') return { value: null };
  const dateTime = toDateTime(value);
  if (dateTime === undefined) return { reply: errorBody(400, `expirationDate: '${value}' is not a date (use 2030-01-01 or 2030-01-01T00:00:00Z).`) };
  return { value: dateTime };
}

/** The product's password policy (facts.md). */
export function passwordProblem(password: string): string | undefined {
  if (password.length >= 8 && /[A-Z]/.test(password) && /[a-z]/.test(password) && /[^A-Za-z0-9]/.test(password)) return undefined;
  return 'password: must have at least 8 characters, with an upper-case letter, a lower-case letter and a special character.';
}
