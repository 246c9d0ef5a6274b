// Placeholder until the checkmarx handlers land.
import type { ApiModule } from '../module.ts';

export const checkmarx: ApiModule<Record<string, never>, null> = {
  id: 'checkmarx',
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
