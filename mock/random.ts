// Random hex ids and keys for the handlers. Each crypto.randomBytes call costs about 5 µs on these VMs
// (the largest cost of a create); one call fills a pool that then serves a few hundred ids. The bytes
// are the same CSPRNG's, each used once.
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let used = pool.length;

/** `bytes` random bytes as lower-case hex, like `randomBytes(bytes).toString('hex')`. */
export function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString('hex', used, used + bytes);
  used += bytes;
  return hex;
}
