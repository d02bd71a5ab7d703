import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import {
  answers,
  ROOT,
  START,
  startStartScript,
  stopStartedScripts,
  stopsAnswering,
} from '../../test/start-script.test-helpers.js';

const folders: string[] = [];
afterEach(() => {
  stopStartedScripts();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Starts `npm start`'s script on a fresh data folder. */
function startScript() {
  const dataDir = mkdtempSync(join(tmpdir(), 'achbridge-sample-data-'));
  folders.push(dataDir);
  return startStartScript(dataDir);
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
