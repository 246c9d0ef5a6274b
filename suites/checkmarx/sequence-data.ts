// The data the model-based sequences create and update users with: what a user is given (UserData),
// the request body it becomes with the target's own role, team, provider and locale ids, and the
// arbitraries that generate it: plain values like the samples' for the lifecycle, unusual text and dates
// with offsets for the edge cases. Data the document does not oblige a server to take (isUnusual) may
// be refused with a 4xx that changes nothing.
import fc from 'fast-check';
import { show } from '../harness/fields.ts';
import { unusualText } from '../harness/properties.ts';
import type { Installation } from './installation.ts';
import { OPTIONAL_TEXT_FIELDS, type Field, type FieldValues } from './model.ts';
import { emailOf, strongPassword } from './users.ts';

/** The users one sequence may use. */
export const SLOTS = 4;

type OptionalText = (typeof OPTIONAL_TEXT_FIELDS)[number];

/** The values a user is created or updated with; a key left out is not sent. */
export interface UserData {
  firstName?: string;
  lastName?: string;
  /** An email variant: `<name>[.v<n>]@example.com`. */
  emailVariant?: number;
  texts: Partial<Record<OptionalText, string | null>>;
  active?: boolean;
  expirationDate?: string | null;
  allowedIpList?: string[] | null;
  /** How many of the target's roles (from `offset`), or which of its team sets; 0 sends [], null sends null. */
  roles?: { count: number | null; offset: number };
  teams?: { count: number | null; offset: number };
  locale?: boolean;
  /** Create only: false leaves the password out (the document does not say a user needs one). */
  withPassword?: boolean;
}

const PLAIN_NAME = /^[A-Za-z]{1,20}$/;
const PLAIN_TEXT: Record<OptionalText, RegExp> = {
  phoneNumber: /^\+?[0-9]{0,15}$/,
  cellPhoneNumber: /^\+?[0-9]{0,15}$/,
  jobTitle: /^(?:[A-Za-z][A-Za-z ]{0,28}[A-Za-z]|[A-Za-z]?)$/,
  other: /^(?:[A-Za-z][A-Za-z ]{0,28}[A-Za-z]|[A-Za-z]?)$/,
  country: /^(?:[A-Za-z][A-Za-z ]{0,28}[A-Za-z]|[A-Za-z]?)$/,
};
const PLAIN_DATE = /^20[3-9]\d-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * Data the document does not oblige a server to take: a 4xx is then a choice, not a deviation. Plain is
 * what the samples show (letters, digits, "" for the optional texts, [] for allowedIpList), a date-time
 * in UTC, and at least one role and team when the target has them.
 */
export function isUnusual(data: UserData): boolean {
  if ([data.firstName, data.lastName].some((name) => name !== undefined && !PLAIN_NAME.test(name))) return true;
  if ((Object.entries(data.texts) as Array<[OptionalText, string | null]>).some(([field, value]) => value === null || !PLAIN_TEXT[field].test(value))) return true;
  if (data.expirationDate !== undefined && (data.expirationDate === null || !PLAIN_DATE.test(data.expirationDate))) return true;
  if (data.allowedIpList === null || data.withPassword === false) return true;
  return [data.roles, data.teams].some((pick) => pick !== undefined && (pick.count === null || pick.count === 0));
}

/** The request body for this data (the target's own role, team, provider and locale ids). */
export function bodyOf(data: UserData, userName: string, found: Installation): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (data.firstName !== undefined) body['firstName'] = data.firstName;
  if (data.lastName !== undefined) body['lastName'] = data.lastName;
  if (data.emailVariant !== undefined) body['email'] = emailOf(userName, data.emailVariant);
  Object.assign(body, data.texts);
  if (data.active !== undefined) body['active'] = data.active;
  if (data.expirationDate !== undefined) body['expirationDate'] = data.expirationDate;
  if (data.allowedIpList !== undefined) body['allowedIpList'] = data.allowedIpList;
  const pick = (pool: number[], choice: { count: number | null; offset: number }): number[] | null =>
    choice.count === null ? null : Array.from({ length: Math.min(choice.count, pool.length) }, (_, index) => pool[(choice.offset + index) % pool.length] as number);
  if (data.roles !== undefined && found.roles.length > 0) body['roleIds'] = pick(found.roles, data.roles);
  if (data.teams !== undefined && found.teamSets.length > 0) {
    const { count, offset } = data.teams;
    body['teamIds'] = count === null ? null : count === 0 ? [] : found.teamSets[offset % found.teamSets.length];
  }
  if (data.locale && found.localeId !== undefined) body['localeId'] = found.localeId;
  return body;
}

/** A create body: username, email, password, the four fields every user has, the provider. */
export function sequenceCreateBody(data: UserData, userName: string, found: Installation): Record<string, unknown> {
  return {
    username: userName,
    ...(data.withPassword === false ? {} : { password: strongPassword() }),
    email: emailOf(userName),
    firstName: 'Bob',
    lastName: 'B',
    ...(found.providerId !== undefined ? { authenticationProviderId: found.providerId } : {}),
    ...bodyOf(data, userName, found),
  };
}

/** The body's user fields as the model reads them (the fields it sent, nulls included). */
export function givenFields(body: Record<string, unknown>): { given: FieldValues; sent: Field[] } {
  const given: FieldValues = {};
  const sent: Field[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === 'username' || key === 'password' || key === 'creationDate') continue;
    given[key as Field] = value;
    sent.push(key as Field);
  }
  return { given, sent };
}

export function describeData(data: UserData): string {
  const parts: string[] = [];
  if (data.firstName !== undefined) parts.push(`firstName=${show(data.firstName)}`);
  if (data.lastName !== undefined) parts.push(`lastName=${show(data.lastName)}`);
  if (data.emailVariant !== undefined) parts.push(`email v${data.emailVariant}`);
  for (const [field, value] of Object.entries(data.texts)) parts.push(`${field}=${show(value)}`);
  if (data.active !== undefined) parts.push(`active=${data.active}`);
  if (data.expirationDate !== undefined) parts.push(`expirationDate=${show(data.expirationDate)}`);
  if (data.allowedIpList !== undefined) parts.push(`allowedIpList=${show(data.allowedIpList)}`);
  if (data.roles !== undefined) parts.push(`roles=${data.roles.count === null ? 'null' : `${data.roles.count}@${data.roles.offset}`}`);
  if (data.teams !== undefined) parts.push(`teams=${data.teams.count === null ? 'null' : `set ${data.teams.offset}`}`);
  if (data.locale) parts.push('localeId');
  if (data.withPassword === false) parts.push('no password');
  return parts.join(', ');
}

export const pick = fc.nat(SLOTS - 1);

const plainName = fc.oneof(fc.constantFrom('Inbal', 'Mon', 'Marci', 'Mar', 'Bob', 'B', 'Bobby', 'Carol', 'C', 'Ada'), fc.stringMatching(/^[A-Z][a-z]{0,11}$/));
const plainTexts: Record<OptionalText, fc.Arbitrary<string>> = {
  phoneNumber: fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9]{7,12}$/)),
  cellPhoneNumber: fc.oneof(fc.constant(''), fc.stringMatching(/^\+[0-9]{8,12}$/)),
  jobTitle: fc.constantFrom('', 'Admin', 'Developer', 'Team Lead', 'QA'),
  other: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z]{1,12}$/)),
  country: fc.constantFrom('', 'Algeria', 'Israel', 'Germany', 'Japan', 'United States'),
};
const futureDate = fc
  .date({ min: new Date('2030-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => `${date.toISOString().slice(0, 19)}Z`);
const ipList = fc.constantFrom<string[]>([], ['10.0.0.1'], ['192.168.1.20', '203.0.113.7']);
const idPick = (withNull: boolean): fc.Arbitrary<{ count: number | null; offset: number }> =>
  fc.record({ count: withNull ? fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constant(null) }) : fc.integer({ min: 1, max: 3 }), offset: fc.nat(5) });

const edgeText = unusualText();
const edgeDate = fc.oneof(
  futureDate,
  fc.tuple(futureDate, fc.constantFrom('+05:30', '-08:00', '+00:00')).map(([date, offset]) => `${date.slice(0, 19)}${offset}`),
  fc.constantFrom('2030-02-28T23:59:59Z', '2096-02-29T12:00:00Z', '2038-01-19T03:14:08Z'),
);

type Optionality = 'create' | 'update';

/** Lifecycle data: plain values; on update, random subsets of fields, optional ones sometimes null. */
export function plainData(mode: Optionality): fc.Arbitrary<UserData> {
  const maybeNull = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> => (mode === 'update' ? fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: fc.constant(null) }) : arbitrary);
  return fc.record(
    {
      firstName: plainName,
      lastName: plainName,
      emailVariant: fc.integer({ min: 0, max: 3 }),
      texts: fc.record(
        {
          phoneNumber: maybeNull(plainTexts.phoneNumber),
          cellPhoneNumber: maybeNull(plainTexts.cellPhoneNumber),
          jobTitle: maybeNull(plainTexts.jobTitle),
          other: maybeNull(plainTexts.other),
          country: maybeNull(plainTexts.country),
        },
        { requiredKeys: [] },
      ),
      active: fc.boolean(),
      expirationDate: maybeNull(futureDate),
      allowedIpList: maybeNull(ipList),
      roles: idPick(mode === 'update'),
      teams: idPick(mode === 'update'),
      locale: fc.boolean(),
      ...(mode === 'create' ? { withPassword: fc.boolean() } : {}),
    },
    { requiredKeys: ['texts'] },
  );
}

/** Edge data for the text fields (and dates with offsets), the rest left out. */
export function edgeData(): fc.Arbitrary<UserData> {
  return fc.record(
    {
      firstName: edgeText,
      lastName: edgeText,
      texts: fc.record({ phoneNumber: edgeText, cellPhoneNumber: edgeText, jobTitle: edgeText, other: edgeText, country: edgeText }, { requiredKeys: [] }),
      expirationDate: edgeDate,
    },
    { requiredKeys: ['texts'] },
  );
}

