import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The runtimes this workspace runs, each from its npm package's own binary (no download at run time). */
export type RuntimeBinary = 'bun' | 'deno' | 'workerd';

/** Path of a runtime's binary in the nearest `node_modules/.bin`, found from this file upwards. */
export function binaryPath(name: RuntimeBinary): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'node_modules', '.bin', name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no ${name} binary in any node_modules/.bin; run npm ci`);
    directory = parent;
  }
}

/** The workspace directory (tests/runtimes), where Deno and Bun run so they resolve its node_modules. */
export const WORKSPACE_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The variables that would point clients built without `baseUrl` elsewhere; the scenario checks the defaults. */
const BASE_URL_VARIABLES = ['PLAID_BASE_URL', 'STRIPE_BASE_URL', 'DWOLLA_BASE_URL'];

/**
 * Environment for the runtimes: no update checks or telemetry, nothing that reaches the network, and no
 * `*_BASE_URL` variable (the scenario passes every URL explicitly and checks the hosts used without one).
 */
export function quietEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    DENO_NO_UPDATE_CHECK: '1',
    DENO_NO_PROMPT: '1',
    DO_NOT_TRACK: '1',
    NO_COLOR: '1',
  };
  for (const name of BASE_URL_VARIABLES) delete environment[name];
  return environment;
}
