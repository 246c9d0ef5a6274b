// Text fields are `[string]`: any text. Letters of any script, quotes and backslashes must be stored as
// given (a create that refuses or alters "Zoë" breaks the parameter list); text the document gives no
// reason to expect in a name (hundreds of characters, emoji, line breaks) may be refused with a 4xx
// that changes nothing, but never stored altered (cut short, re-encoded, normalised to '?').
import type { CheckContext } from '../harness/check.ts';
import { expectNoServerError, expectUserValues } from './assertions.ts';
import { CheckmarxDriver } from './driver.ts';
import { userPath } from './operations.ts';
import { fetchUser, listUsers } from './reads.ts';
import { newUser } from './users.ts';

/** Text every server must store as given. */
const PLAIN_UNICODE = { firstName: 'Zoë Łukasz', lastName: 'Ελένη 名前', jobTitle: `O'Brien "quoted" \\ back/slash`, other: 'Ångström – Zoe\u0308 – ﬁ – Мария' };
/** Text a server may refuse (4xx), and must otherwise store as given. */
const UNUSUAL = { firstName: 'é'.repeat(300), lastName: '😀🙂👍🏽 👩‍👩‍👧', jobTitle: `${'a'.repeat(255)}名`, other: 'line\nbreak\ttab' };

export async function unicodeRoundTrip(context: CheckContext): Promise<void> {
  const driver = CheckmarxDriver.of(context);
  const body = { ...(await newUser(context, 'unicode')), ...PLAIN_UNICODE };
  const owned = await driver.createOwned(context, body, 'POST /Users with non-ASCII text');
  const path = userPath(owned.id);
  expectUserValues(owned.user, PLAIN_UNICODE, 'createUser', `GET ${path} after POST /Users with non-ASCII text`, owned.exchange);
  const { users, exchange: listed } = await listUsers(driver, 'GET /Users');
  expectUserValues(users.find((user) => user['id'] === owned.id) ?? null, PLAIN_UNICODE, 'listUsers', `GET /Users, user ${owned.userName}`, listed, 'other');

  const put = await driver.update(owned.id, UNUSUAL);
  expectNoServerError(put, 'updateUser', `PUT ${path} with long text, emoji and a line break`);
  const refused = put.response.status >= 400;
  const { user, exchange } = await fetchUser(driver, owned.id, `GET ${path}`);
  if (refused) expectUserValues(user, PLAIN_UNICODE, 'updateUser', `GET ${path} after PUT ${path} was refused (HTTP ${put.response.status}), so nothing changed`, exchange, 'not-refused');
  else expectUserValues(user, UNUSUAL, 'updateUser', `GET ${path} after PUT ${path} with long text, emoji and a line break was accepted (HTTP ${put.response.status})`, exchange);
}
