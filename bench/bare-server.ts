// The bare-Node limit: a node:http server that reads each request and answers the same fixed bytes (the
// mock's own answer to the benchmarked request), with no routing, validation or state.
// usage: node bench/bare-server.ts PORT REPLY_FILE   (REPLY_FILE: {"status", "headers", "body"})
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { FixedReply } from './servers.ts';

const [port, replyFile] = process.argv.slice(2);
const reply = JSON.parse(readFileSync(replyFile as string, 'utf8')) as FixedReply;
const body = Buffer.from(reply.body);

createServer((request, response) => {
  request.resume();
  request.on('end', () => response.writeHead(reply.status, reply.headers).end(body));
}).listen(Number(port), '127.0.0.1');
