// Run inside a consumer project that installed @achbridge/emulator: starts the installed
// `achbridge-emulator` bin (shebang and executable bit included) on a free 127.0.0.1 port, checks its
// health endpoint, then stops it with SIGTERM and expects a clean exit. Bounded by a 30 s deadline.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const bin = join(process.cwd(), 'node_modules', '.bin', 'achbridge-emulator');
const child = spawn(bin, ['--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'inherit'] });
const deadline = setTimeout(() => {
  console.error('emulator bin: no clean start and stop within 30 s');
  child.kill('SIGKILL');
  process.exit(1);
}, 30_000);

const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
const firstLine = await new Promise((resolve, reject) => {
  const lines = createInterface({ input: child.stdout });
  lines.once('line', (line) => {
    lines.close();
    resolve(line);
  });
  child.once('error', reject);
  child.once('exit', (code) => reject(new Error(`the bin exited with ${code} before printing its address`)));
});

const summary = JSON.parse(firstLine);
if (typeof summary.url !== 'string' || !summary.url.startsWith('http://127.0.0.1:')) {
  console.error(`emulator bin: unexpected first line ${firstLine}`);
  process.exit(1);
}
const health = await fetch(new URL('/__emulator/health', summary.url));
if (!health.ok) {
  console.error(`emulator bin: GET /__emulator/health answered ${health.status}`);
  process.exit(1);
}
child.kill('SIGTERM');
const { code, signal } = await exited;
clearTimeout(deadline);
if (code !== 0) {
  console.error(`emulator bin: exited with code ${code} (signal ${signal}) after SIGTERM`);
  process.exit(1);
}
console.log(`emulator bin: served ${summary.url}, healthy, stopped cleanly on SIGTERM`);
