// What `userapi certify --api vaa` runs: the document's sections in a stable order (the model-based
// properties and the long list check first, they take longest; then the document from its header to
// DELETE), how the given credentials become a token, a first harmless read, and the declarations the
// write guard, the inventory proof and the clean-up read.
import type { ApiCertification } from '../harness/api.ts';
import type { Credentials, RunConfig } from '../harness/config.ts';
import type { HttpClient } from '../harness/http.ts';
import { answerOf } from '../harness/expect.ts';
import { section as customers } from './customers.ts';
import { section as deactivate } from './deactivate.ts';
import { section as deleteSection } from './delete.ts';
import { VaaDriver, login } from './driver.ts';
import { section as get } from './get.ts';
import { section as header } from './header.ts';
import { section as input } from './input.ts';
import { section as post } from './post.ts';
import { section as properties } from './properties.ts';
import { section as put } from './put.ts';
import { section as reactivate } from './reactivate.ts';
import { cleanup, inventory, writeRules } from './safety.ts';

async function prepareCredentials(config: RunConfig, http: HttpClient): Promise<Credentials> {
  const { token, username, password } = config.credentials;
  // A token given as such is used as is; the username and password then only serve a re-login.
  if (token !== undefined || username === undefined || password === undefined) return config.credentials;
  return { ...config.credentials, token: await login(http, username, password) };
}

async function preflight(config: RunConfig, http: HttpClient): Promise<void> {
  const exchange = await new VaaDriver(http, config).list();
  const { status } = exchange.response;
  if (status === 401 || status === 403) throw new Error(`GET /api/v2/users with the run's token: ${answerOf(exchange)}`);
}

export const certification: ApiCertification = {
  api: 'vaa',
  sections: [properties, get, header, post, customers, input, put, deactivate, reactivate, deleteSection],
  writeRules,
  inventory,
  cleanup,
  prepareCredentials,
  preflight,
  takes: { login: true, adminSecret: false },
  bundledMockCredentials: (settings) => ({ username: settings.vaa.username, password: settings.vaa.password }),
  residue: (config) => [`customers named with the run's prefix (${config.namePrefix}...): the vaa API has no way to delete a customer`],
};
