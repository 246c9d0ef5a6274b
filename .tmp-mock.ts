import { startMockServer } from './mock/server.ts';
const mock = await startMockServer({ apis: ['tyk'], port: 4999, strict: false });
console.log(mock.url);
setTimeout(() => mock.close(), 60000);
