// Locates ../shared/data for tests. Absent on a user's fresh clone (skip with a message); always present under CI=true (fail).
import { existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SHARED_DATA = resolve(process.env.ZSNAS_SHARED_DATA ?? resolve(here, '../../../shared/data'));

/** Returns the path of a shared data file, or a skip reason. Throws under CI=true when the file is missing. */
export function sharedFile(rel: string): { path: string; skip: false } | { path: string; skip: string } {
  const path = resolve(SHARED_DATA, rel);
  if (existsSync(path)) return { path, skip: false };
  const msg = `shared data file ${path} not found (set ZSNAS_SHARED_DATA to the folder holding nb201/ and cifar/)`;
  if (process.env.CI === 'true') throw new Error(`${msg}; it must exist under CI=true`);
  return { path, skip: msg };
}
