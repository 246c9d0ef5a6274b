import { startMockServer, DEFAULT_SETTINGS } from './mock/server.ts';
import { tyk } from './mock/apis/tyk.ts';
import { runCertify, removeReport } from './test/support/certify.ts';
const h = tyk.handlers as any;
const patched = (handlers: Record<string, any>) => ({ ...tyk, handlers: { ...tyk.handlers, ...handlers } }) as any;
const FIELDS = ['first_name', 'last_name', 'email_address', 'active', 'user_permissions'];
const trimBody = (b: any) => Object.fromEntries(Object.entries(b ?? {}).map(([k, v]) => [k, typeof v === 'string' && k !== 'password' && k !== 'email_address' ? v.trim() : v]));
const truncBody = (b: any) => Object.fromEntries(Object.entries(b ?? {}).map(([k, v]) => [k, typeof v === 'string' && k !== 'password' ? v.slice(0, 255) : v]));
const variants: Record<string, any> = {
  'first-password-needs-current': patched({ setUserPassword: (r: any, c: any) => (r.body?.current_password === undefined ? { status: 400, body: { Status: 'Error', Message: 'current_password required', Meta: null } } : h.setUserPassword(r, c)) }),
  'admin-meta-null': patched({ allowResetPasswords: async (r: any, c: any) => { const x = await h.allowResetPasswords(r, c); return x.status === 200 ? { ...x, body: { ...x.body, Meta: null } } : x; } }),
  'get-unknown-200': patched({ getUser: async (r: any, c: any) => { const x = await h.getUser(r, c); return x.status === 404 ? { status: 200, body: {} } : x; } }),
  'list-no-pages': patched({ listUsers: async (r: any, c: any) => { const x = await h.listUsers(r, c); const { pages: _p, ...rest } = x.body; return { ...x, body: rest }; } }),
  'soft-delete': patched({ deleteUser: async (r: any, c: any) => { const u = c.state.users.get(r.pathParameters.USER_ID); if (!u || !u.active) return h.deleteUser(r, c); c.state.users.set(u.id, { ...u, active: false }); return { status: 200, body: { Status: 'OK', Message: 'User deleted', Meta: '' } }; } }),
  'create-ignores-active': patched({ createUser: (r: any, c: any) => h.createUser({ ...r, body: { ...r.body, active: true } }, c) }),
  'trims-names': patched({ createUser: (r: any, c: any) => h.createUser({ ...r, body: trimBody(r.body) }, c), updateUser: (r: any, c: any) => h.updateUser({ ...r, body: trimBody(r.body) }, c) }),
  'truncates-255': patched({ createUser: (r: any, c: any) => h.createUser({ ...r, body: truncBody(r.body) }, c), updateUser: (r: any, c: any) => h.updateUser({ ...r, body: truncBody(r.body) }, c) }),
  'update-ignores-permissions': patched({ updateUser: (r: any, c: any) => { const { user_permissions: _p, ...rest } = r.body ?? {}; return h.updateUser({ ...r, body: rest }, c); } }),
  'replace-on-update': patched({ updateUser: (r: any, c: any) => h.updateUser({ ...r, body: { first_name: '', last_name: '', active: false, user_permissions: {}, ...r.body } }, c) }),
  'refuse-partial': patched({ updateUser: (r: any, c: any) => (FIELDS.every((f) => f in (r.body ?? {})) ? h.updateUser(r, c) : { status: 400, body: { Status: 'Error', Message: 'User object validation failed.', Meta: null } }) }),
  'require-names': patched({ createUser: (r: any, c: any) => (r.body?.first_name && r.body?.last_name ? h.createUser(r, c) : { status: 400, body: { Status: 'Error', Message: 'User object validation failed.', Meta: null } }) }),
  'page-without-p': patched({ listUsers: (r: any, c: any) => h.listUsers({ ...r, query: { p: r.query.p ?? '1' } }, c) }),
  'password-renews-key': patched({ setUserPassword: async (r: any, c: any) => { const reply = await h.setUserPassword(r, c); if (reply.status === 200) await h.resetUserSession(r, c); return reply; } }),
};
const only = process.argv[2];
for (const [name, module] of Object.entries(variants)) {
  if (only && name !== only) continue;
  const server = await startMockServer({ apis: ['tyk'], port: 0, strict: false, modules: { tyk: module } });
  const run = await runCertify(['--api', 'tyk', '--target', server.url, '--token', DEFAULT_SETTINGS.tyk.accessKey, '--admin-secret', '12345', ...(process.argv[3] ? ['--only', process.argv[3]] : []), '--strict']);
  const failed = (run.report?.checks ?? []).filter((c) => c.status === 'failed' || c.status === 'errored').map((c) => `${c.level} ${c.id}: ${c.message?.slice(0, 300)}`);
  console.log(`== ${name}: exit ${run.exitCode}, ${(run.durationMs / 1000).toFixed(1)} s\n  ${failed.join('\n  ')}`);
  removeReport(run);
  await server.close();
}
