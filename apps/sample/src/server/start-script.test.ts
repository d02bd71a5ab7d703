import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/** The repository root, where `npm start` runs `scripts/start.mjs`. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const START = join(ROOT, 'scripts', 'start.mjs');

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `npm start`'s script (emulator mode, a free port) and resolves with the two URLs it prints. */
function startScript(): Promise<{ child: ChildProcess; output: string[]; emulator: string; sample: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
  for (const name of [
    'PLAID_CLIENT_ID',
    'PLAID_SECRET',
    'STRIPE_SECRET_KEY',
    'DWOLLA_KEY',
    'DWOLLA_SECRET',
    'EMULATOR_URL',
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

/** Whether something answers HTTP at `url`. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/** Polls until nothing answers at `url` (or gives up after `attempts` tries, half a second apart). */
async function stopsAnswering(url: string, attempts = 40): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (!(await answers(url))) return true;
    await new Promise((done) => setTimeout(done, 500));
  }
  return false;
}

describe('scripts/start.mjs (npm start)', () => {
  it('before `npm ci` it prints its own hint, not a stack trace', () => {
    const bare = mkdtempSync(join(tmpdir(), 'achbridge-fresh-clone-'));
    try {
      mkdirSync(join(bare, 'scripts'));
      copyFileSync(START, join(bare, 'scripts', 'start.mjs'));
      copyFileSync(join(ROOT, 'scripts', 'run-guarded.mjs'), join(bare, 'scripts', 'run-guarded.mjs'));
      const result = spawnSync(process.execPath, [join(bare, 'scripts', 'start.mjs')], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        'npm start: the dependencies are not installed. Run `npm ci` in the repository root first, then `npm start`.\n',
      );
      expect(result.stderr).not.toMatch(/^\s+at /m);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('logs API requests, and Ctrl-C/SIGTERM stops both processes with a clean stop line', async () => {
    const { child, output, emulator, sample } = await startScript();
    expect(emulator).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const info = await fetch(`${sample}/api/info`);
    expect(info.status).toBe(200);
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    // The request log line arrives on stdout before we stop.
    for (
      let attempt = 0;
      attempt < 40 && !output.some((line) => / GET \/api\/info 200 \d+ ms$/.test(line));
      attempt++
    ) {
      await new Promise((done) => setTimeout(done, 250));
    }
    expect(output.some((line) => / GET \/api\/info 200 \d+ ms$/.test(line))).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('achbridge sample stopped (SIGTERM).');
    expect(output.at(-1)).toBe('Stopped the sample server and the emulator.');
    expect(await answers(sample)).toBe(false);
    expect(await answers(emulator)).toBe(false);
  }, 120_000);

  it('SIGKILL of the start script does not orphan the emulator or the sample server', async () => {
    const { child, emulator, sample } = await startScript();
    expect(await answers(`${sample}/api/info`)).toBe(true);
    expect(await answers(`${emulator}/__emulator/state`)).toBe(true);
    child.kill('SIGKILL');
    expect(await stopsAnswering(sample)).toBe(true);
    expect(await stopsAnswering(emulator)).toBe(true);
  }, 120_000);
});
