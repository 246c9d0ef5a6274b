// File-level helpers of the state file's checks: its first bytes, and making its directory.
import { closeSync, existsSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');

/** The first `length` bytes of `file` (fewer when it is shorter). */
export function readHead(file: string, length: number): Buffer {
  const descriptor = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(descriptor, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(descriptor);
  }
}

export function isSqliteHead(head: Buffer): boolean {
  return head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC);
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdirSync never returns for some paths (under
 * /proc it loops forever), and a state file there must fail with a message, not hang the mock.
 */
export function makeDirectory(directory: string): void {
  const missing: string[] = [];
  let current = resolve(directory);
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing) mkdirSync(path);
}
