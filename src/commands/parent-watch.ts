// A `--jobs` worker ends when its parent does. The IPC 'disconnect' event covers a parent that exits while the
// worker's event loop is free, but a worker busy in a long wasm kernel (or a synchronous proxy) runs no events until
// it returns, and a parent killed with SIGKILL says nothing: the worker scored on for nobody. So a worker thread,
// whose event loop is its own, checks every half second whether this process was re-parented (the parent died) and
// then ends the whole process with a signal, which needs no cooperation from the blocked main thread.
import { Worker } from 'node:worker_threads';

/** Plain JS evaluated in the thread (no loader or bundler involved). */
const WATCHDOG = `
const { workerData } = require('node:worker_threads');
const timer = setInterval(() => {
  if (process.ppid === workerData.parent) return;
  clearInterval(timer);
  try { process.kill(workerData.self, 'SIGTERM'); } catch {}
  // A SIGTERM listener in the main thread would wait for its blocked loop: SIGKILL after a grace period.
  setTimeout(() => { try { process.kill(workerData.self, 'SIGKILL'); } catch {} }, 2000);
}, workerData.everyMs);
`;

let watching = false;

/** Exits this process when its parent goes: at once when the loop is free, within about a second when it is not. */
export function exitWithParent(everyMs = 500): void {
  if (watching) return; // main() may run more than once in a process (tests)
  watching = true;
  process.once('disconnect', () => process.exit(130));
  const watchdog = new Worker(WATCHDOG, { eval: true, workerData: { parent: process.ppid, self: process.pid, everyMs } });
  watchdog.unref(); // never keeps a finished worker alive
}
