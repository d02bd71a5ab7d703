import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root, where `npm start` runs `scripts/start.mjs`. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** `npm start`'s script. */
export const START = join(ROOT, 'scripts', 'start.mjs');

const started: ChildProcess[] = [];

/** SIGKILLs every script `startStartScript` started that is still running (call it in `afterEach`). */
export function stopStartedScripts(): void {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
}

/** A running `npm start`. */
export interface StartedScript {
  child: ChildProcess;
  output: string[];
  emulator: string;
  sample: string;
}

/**
 * Starts `npm start`'s script (emulator mode, `port` or a free one, `dataDir` as the data folder) and resolves
 * with the two URLs it prints.
 */
export function startStartScript(dataDir: string, port = 0): Promise<StartedScript> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), SAMPLE_DATA_DIR: dataDir };
  for (const name of [
    'PLAID_CLIENT_ID',
    'PLAID_SECRET',
    'STRIPE_SECRET_KEY',
    'DWOLLA_KEY',
    'DWOLLA_SECRET',
    'EMULATOR_URL',
    'DATABASE_URL',
    'ACHBRIDGE_STORE_KEYS',
  ]) {
    delete env[name];
  }
  const child = spawn(process.execPath, [START], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  const output: string[] = [];
  return new Promise((resolveStart, reject) => {
    let emulator = '';
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      output.push(line);
      emulator = /^Emulator .* on (http:\/\/\S+)/.exec(line)?.[1] ?? emulator;
      const sample = /^open (http:\/\/\S+)/.exec(line)?.[1];
      if (sample !== undefined) resolveStart({ child, output, emulator, sample });
    });
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`start.mjs exited (${code}): ${output.join('\n')}`)));
  });
}

/** A port that is free right now (for a server that must keep its port across a restart, like `npm start`'s 3000). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Whether something answers HTTP at `url`. */
export async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/** Polls until nothing answers at `url` (or gives up after `attempts` tries, half a second apart). */
export async function stopsAnswering(url: string, attempts = 40): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (!(await answers(url))) return true;
    await new Promise((done) => setTimeout(done, 500));
  }
  return false;
}
