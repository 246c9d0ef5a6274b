// Stored passwords: salted PBKDF2-SHA256 hashes in the PHC string format ($pbkdf2-sha256$i=N$salt$hash),
// derived by node:crypto on libuv's thread pool, so a create with a password does not hold the event loop
// (bcryptjs at cost 4 took 1.3 ms of it per hash: a Tyk Add User with a password ran at 0.43x `prism
// mock`). No answer of the mock shows a stored hash, so its format is the mock's own. bcrypt hashes still
// verify: the Tyk document's sample user carries one (`$2a$10$...`), and state files written before hold
// them. Plain text never persists.
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import bcrypt from 'bcryptjs';

const derive = promisify(pbkdf2);

const SCHEME = 'pbkdf2-sha256';
// The mock stores test users' passwords: enough to keep them out of a state file in clear and to make a
// guess cost something, cheap enough that a client's load test measures the API rather than the hash.
const ITERATIONS = 1_000;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, ITERATIONS, HASH_BYTES, 'sha256');
  return `$${SCHEME}$i=${ITERATIONS}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (!stored.startsWith(`$${SCHEME}$`)) return bcrypt.compare(password, stored);
  const [, , iterations, salt, hash] = stored.split('$');
  const rounds = Number(/^i=(\d+)$/.exec(iterations ?? '')?.[1]);
  if (!Number.isSafeInteger(rounds) || rounds < 1 || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length === 0) return false;
  const actual = await derive(password, Buffer.from(salt, 'base64url'), rounds, expected.length, 'sha256');
  return timingSafeEqual(actual, expected);
}
