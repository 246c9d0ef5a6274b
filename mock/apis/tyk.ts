// Placeholder until the tyk handlers land.
import type { ApiModule } from '../module.ts';

export const tyk: ApiModule<Record<string, never>, null> = {
  id: 'tyk',
  rootPaths: [],
  responseMediaType: 'application/json',
  ownsPath: () => false,
  toSpecPath: (path) => path,
  errorReply: (status, message) => ({ status, body: { message } }),
  createState: () => ({}),
  seed: () => undefined,
  authenticate: () => ({ principal: null }),
  describeCredentials: () => [],
  handlers: {},
};
