// Checkmarx CxSAST Access Control (seed 002): /cxrestapi/auth/Users, with OAuth 2.0 bearer tokens from
// /cxrestapi/auth/identity/connect/token. Behaviour as specs/checkmarx.openapi.yaml reads the document,
// facts.md and the real clients: paths match case-insensitively, 401/403 have no body, other refusals
// are `{messageCode, messageDetails}`, writes need the 'Manage Users' permission (from the user's roles).
import type { ApiModule } from '../../module.ts';
import { authenticate } from './access.ts';
import { userHandlers } from './handlers.ts';
import { ownsPath, toSpecPath } from './paths.ts';
import { errorBody, MEDIA_TYPE } from './replies.ts';
import { seed } from './seed.ts';
import { createState, type CheckmarxState, type Principal } from './state.ts';
import { CLIENT_SECRET, KNOWN_CLIENTS, requestToken } from './token-endpoint.ts';

export const checkmarx: ApiModule<CheckmarxState, Principal> = {
  id: 'checkmarx',
  rootPaths: ['/cxrestapi/auth/Users', '/cxrestapi/auth/identity/connect/token', '/cxrestapi/auth/Teams', '/cxrestapi/auth/AuthenticationProviders'],
  responseMediaType: MEDIA_TYPE,
  ownsPath,
  toSpecPath,
  // facts.md: 401 and 403 come without a body.
  errorReply: ({ status, message }) => (status === 401 || status === 403 ? { status } : errorBody(status, message)),
  createState,
  seed,
  authenticate,
  describeCredentials: (settings) => [
    `token: POST /cxrestapi/auth/identity/connect/token (form) grant_type=password client_id=${KNOWN_CLIENTS[0]} client_secret=${CLIENT_SECRET} scope="sast_rest_api access_control_api"`,
    `  username=${settings.checkmarx.username} password=${settings.checkmarx.password}  (Manage Users; user 1, or with --seed empty a service account outside the user list)`,
    `  username=${settings.checkmarx.limitedUsername} password=${settings.checkmarx.limitedPassword}  (no Manage Users: 403 on writes; user 10, --seed documents only)`,
    'then: Authorization: Bearer <access_token>',
  ],
  handlers: { requestToken, ...userHandlers },
};
