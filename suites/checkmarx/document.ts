// The source document's structure, for the statement catalogue: its sections as it spells them, and
// the statement shapes every operation's part repeats (URL and method, the usage list, the parameter
// lines, the sample's field lines). The verbatim texts themselves stay in the section files, beside
// the checks that verify them.
import type { Level, Statement } from '../harness/check.ts';

const DOCUMENT = 'Access Control (REST) API - Users';

export type Part = 'users' | 'list-users' | 'create-user' | 'get-user' | 'update-user' | 'delete-user' | 'migrate-user';

/** Each part's heading, as the document spells it (an en dash in Delete's). */
export const HEADINGS: Record<Part, string> = {
  users: DOCUMENT,
  'list-users': 'Get All Users - GET /Users',
  'create-user': 'Create New User - POST /Users',
  'get-user': 'Get User by Id - GET /Users/{id}',
  'update-user': 'Update a User - PUT /Users/{id}',
  'delete-user': 'Delete a User – DELETE /Users/{id}',
  'migrate-user': 'Migrate Existing User - POST /Users/migration (v2.0 - v9.2.0)',
};

/** The heading path of a part (and one of its sub-headings: 'Notes', 'Error Response', ...). */
export function sectionOf(part: Part, sub?: string): string {
  const path = part === 'users' ? DOCUMENT : `${DOCUMENT} > ${HEADINGS[part]}`;
  return sub ? `${path} > ${sub}` : path;
}

/** A statement's id: 'checkmarx:<part>/<what>'. */
export function ref(part: Part, what: string): string {
  return `checkmarx:${part}/${what}`;
}

export interface StatementOptions {
  level?: Level;
  untestable?: string;
}

export function statement(part: Part, what: string, sub: string | undefined, text: string, options: StatementOptions = {}): Statement {
  return { id: ref(part, what), section: sectionOf(part, sub), text, level: options.level ?? 'MUST', ...(options.untestable ? { untestable: options.untestable } : {}) };
}

const USAGE_UNTESTABLE = 'a reading hint that pairs the operation with another one documented in its own part (x-doc-quirk usage-lists-unrelated-operations); it states no behaviour of its own';

/** The frame every operation's part has: its one-line summary, its usage list, its URL and method. */
export function frameStatements(part: Part, summary: string, usage: string, url: string, method: string): Statement[] {
  return [
    statement(part, 'summary', undefined, summary),
    statement(part, 'usage', 'Usage:', usage, { untestable: USAGE_UNTESTABLE }),
    statement(part, 'url', 'URL', `URL ${url} Method: ${method}`),
  ];
}

/** The parameter lines of a part, verbatim: id 'parameter-<name>' (lower-cased), e.g. 'parameter-roleids'. */
export function parameterStatements(part: Part, lines: readonly string[], options: Record<string, StatementOptions> = {}): Statement[] {
  return lines.map((line) => {
    const name = (/^(\w+)=/.exec(line)?.[1] ?? line).toLowerCase();
    return statement(part, `parameter-${name}`, 'Parameters', line, options[name] ?? {});
  });
}

/**
 * The sample response's user, one statement per field line (its key and the type its value shows):
 * the document's first user; the list's second user shows `"expirationDate": null`.
 */
export const SAMPLE_FIELD_LINES: ReadonlyArray<readonly [string, string]> = [
  ['id', '"id": 1,'],
  ['username', '"userName": "admin",'],
  ['lastlogindate', '"lastLoginDate": "2018-07-17T13:48:06.6800933Z",'],
  ['roleids', '"roleIds": [ 1 ],'],
  ['teamids', '"teamIds": [ 1, 11, 12 ],'],
  ['authenticationproviderid', '"authenticationProviderId": 1,'],
  ['firstname', '"firstName": "Inbal",'],
  ['lastname', '"lastName": "Mon",'],
  ['email', '"email": "[email\u00a0protected]",'],
  ['phonenumber', '"phoneNumber": "",'],
  ['cellphonenumber', '"cellPhoneNumber": "",'],
  ['jobtitle', '"jobTitle": "Admin",'],
  ['other', '"other": "",'],
  ['country', '"country": "Algeria",'],
  ['active', '"active": true,'],
  ['expirationdate', '"expirationDate": "2021-03-04T07:55:58.0201439Z",'],
  ['allowediplist', '"allowedIpList": [],'],
  ['localeid', '"localeId": 1'],
];

export function sampleFieldStatements(part: Part, extra: Record<string, string> = {}): Statement[] {
  return SAMPLE_FIELD_LINES.map(([field, line]) => statement(part, `sample-${field}`, 'Sample Response:', extra[field] ? `${line} ... ${extra[field]}` : line));
}

export function sampleFieldRefs(part: Part): string[] {
  return SAMPLE_FIELD_LINES.map(([field]) => ref(part, `sample-${field}`));
}

/** The create parameters created-user-has-given-values writes and reads back (lower-cased names). */
export const STORED_PARAMETERS = ['username', 'roleids', 'teamids', 'authenticationproviderid', 'firstname', 'lastname', 'email', 'phonenumber', 'cellphonenumber', 'jobtitle', 'other', 'expirationdate', 'allowediplist', 'localeid'] as const;

export const COUNTRY_UNTESTABLE =
  'the document contradicts itself: both samples show country as a string ("Algeria", ""), and certify follows the samples (x-doc-quirk country-documented-boolean): country is written and read back as a string with the other fields, and this line decides nothing';

/** "If the request fails, it returns an error response." (every part's Notes). */
export const ERROR_NOTE = 'If the request fails, it returns an error response.';
export const AUTHORIZATION_HEADER = 'Authorization: Bearer <access token value>';
export const MANAGE_USERS_NOTICE = 'The ‘Manage Users’ permission is required to execute this API.';

/** A check's level in the one profile Checkmarx has, `document` (its source document alone). */
export const MUST = { document: 'MUST' } as const;
export const SHOULD = { document: 'SHOULD' } as const;
export const INFO = { document: 'INFO' } as const;
export const WRITES = ['write'] as const;
