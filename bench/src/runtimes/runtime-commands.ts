import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The runtimes the runtime section compares. */
export type Runtime = 'node' | 'bun' | 'deno';

/** The runtimes, in report order. */
export const RUNTIMES: readonly Runtime[] = ['node', 'bun', 'deno'];

/**
 * Path of `bun` / `deno` in the nearest `node_modules/.bin` above this file (they are dev dependencies of
 * the tests/runtimes workspace, installed by `npm ci`; nothing is downloaded), or undefined when absent.
 */
export function runtimeBinary(name: 'bun' | 'deno'): string | undefined {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'node_modules', '.bin', name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/**
 * The command that runs `script` (with `args`) in `runtime`, or undefined when the runtime's binary is not
 * installed. A flow worker (`worker: true`) gets a full GC (node and Deno: `--expose-gc`; Bun has `Bun.gc`)
 * and, in Deno, network access to 127.0.0.1 only; a cold-start script gets no flag and no permission.
 */
export function runtimeCommand(
  runtime: Runtime,
  script: string,
  options: { args?: readonly string[]; worker?: boolean } = {},
): { command: string; args: string[] } | undefined {
  const args = options.args ?? [];
  const worker = options.worker === true;
  if (runtime === 'node')
    return { command: process.execPath, args: [...(worker ? ['--expose-gc'] : []), script, ...args] };
  const binary = runtimeBinary(runtime);
  if (binary === undefined) return undefined;
  if (runtime === 'bun') return { command: binary, args: [script, ...args] };
  const flags = worker ? ['--allow-net=127.0.0.1', '--v8-flags=--expose-gc'] : [];
  return { command: binary, args: ['run', '--no-lock', '--no-prompt', ...flags, script, ...args] };
}

/** Environment for Bun and Deno: no update check, telemetry or colour. */
export function runtimeEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', DO_NOT_TRACK: '1', NO_COLOR: '1' };
}
