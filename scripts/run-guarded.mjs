#!/usr/bin/env node
/**
 * `node scripts/run-guarded.mjs <script> [args...]`: runs a Node script in this process and stops it when the
 * process that started it goes away, even if that parent was killed with SIGKILL (which it cannot forward).
 * `scripts/start.mjs` runs the emulator and the sample server through it. Two checks: stdin is a pipe from the
 * parent, and its end means the parent is gone; and the parent pid changing (re-parenting) means the same.
 * Either sends SIGTERM to this process, so the script's own SIGTERM handler shuts it down cleanly.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...args] = process.argv.slice(2);
if (script === undefined) {
  process.stderr.write('usage: node scripts/run-guarded.mjs <script> [args...]\n');
  process.exit(2);
}

const parent = process.ppid;
let parentGone = false;
function onParentGone() {
  if (parentGone) return;
  parentGone = true;
  process.kill(process.pid, 'SIGTERM');
  // The script's SIGTERM handler gets 5 s to close its servers.
  setTimeout(() => process.exit(1), 5000).unref();
}
process.stdin.on('end', onParentGone);
process.stdin.on('error', onParentGone);
process.stdin.resume();
process.stdin.unref?.();
setInterval(() => {
  if (process.ppid !== parent) onParentGone();
}, 500).unref();

const target = resolve(script);
process.argv = [process.argv[0], target, ...args];
await import(pathToFileURL(target).href);
