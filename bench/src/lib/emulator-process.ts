import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { type EmulatorInfo, emulatorInfoSchema } from './emulator-info.js';

/** An emulator running in its own process (the `achbridge-emulator` CLI). */
export interface EmulatorProcess {
  info: EmulatorInfo;
  /** The child's pid, for its resource usage. */
  pid: number;
  /** Sends SIGTERM and waits for the process to exit. */
  stop(): Promise<void>;
}

const manifestSchema = z.object({ bin: z.object({ 'achbridge-emulator': z.string().min(1) }) });

/** Absolute path of the installed emulator CLI script. */
export function emulatorCliPath(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@achbridge/emulator/package.json');
  const manifest = manifestSchema.parse(require(manifestPath));
  return join(dirname(manifestPath), manifest.bin['achbridge-emulator']);
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Spawns `achbridge-emulator --port 0` and resolves with the JSON line it prints once it listens. */
export async function spawnEmulator(): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [emulatorCliPath(), '--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) =>
        reject(new Error(`emulator exited (${code}) before it listened: ${stderr}`)),
      );
      child.once('error', reject);
    });
    const info = emulatorInfoSchema.parse(JSON.parse(first));
    return {
      info,
      pid: child.pid as number,
      async stop() {
        lines.close();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await waitForExit(child);
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
