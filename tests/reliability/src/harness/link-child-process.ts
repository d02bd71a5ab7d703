import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunningEmulator } from '@achbridge/emulator';

/** The compiled child program (built by the vitest global setup from src/child/link-child.ts). */
const CHILD_PATH = fileURLToPath(new URL('../../dist/child/link-child.js', import.meta.url));

/** What the child links. */
export interface ChildLinkInput {
  flow: 'stripe' | 'dwolla' | 'modern_treasury';
  accessToken: string;
  accountId: string;
  /** Stripe: the customer's email; Dwolla: the customer id; Modern Treasury: the counterparty id. */
  customer: string;
}

/** A running child and the line it printed when it finished (never, when killed). */
export interface LinkChild {
  process: ChildProcess;
  /** Resolves with the child's exit code/signal and its stdout. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>;
}

/** Spawns `node dist/child/link-child.js` running one `link` against the emulator. */
export function spawnLinkChild(emulator: RunningEmulator, input: ChildLinkInput): LinkChild {
  const payload = {
    ...input,
    plaid: emulator.plaid,
    stripe: { host: emulator.stripe.host, port: emulator.stripe.port, secretKey: emulator.stripe.secretKey },
    dwolla: emulator.dwolla,
    modernTreasury: emulator.modernTreasury,
  };
  const child = spawn(process.execPath, [CHILD_PATH], {
    env: { ...process.env, ACHBRIDGE_CHILD_INPUT: JSON.stringify(payload) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>(
    (resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal, stdout }));
    },
  );
  return { process: child, exited };
}

/** Runs a child to completion and returns the id it linked. */
export async function runLinkChild(emulator: RunningEmulator, input: ChildLinkInput): Promise<string> {
  const { exited } = spawnLinkChild(emulator, input);
  const { code, stdout } = await exited;
  const answer = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { ok?: boolean; id?: string };
  if (code !== 0 || answer.ok !== true || typeof answer.id !== 'string') {
    throw new Error(`the child failed (exit ${code}): ${stdout}`);
  }
  return answer.id;
}

/** Waits until the fault with this id has fired and is gone (a `times: 1` fault is removed when it fires). */
export async function faultFired(emulator: RunningEmulator, id: string): Promise<void> {
  for (let polls = 0; polls < 4_000; polls++) {
    if (!(await emulator.control.faults()).some((fault) => fault.id === id)) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the fault never fired: the child did not reach the step');
}

/** Kills the child with SIGKILL (no cleanup, like a crashed or OOM-killed process) and waits for it to exit. */
export async function killHard(child: LinkChild): Promise<void> {
  child.process.kill('SIGKILL');
  const { signal } = await child.exited;
  if (signal !== 'SIGKILL') throw new Error(`the child exited on its own (${signal})`);
}
