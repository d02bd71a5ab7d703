import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FlowJob, Provider, Variant } from '../flows/flow-types.js';
import type { EmulatorInfo } from '../lib/emulator-info.js';
import { type Runtime, runtimeCommand, runtimeEnvironment } from './runtime-commands.js';

/** What one batch cost a runtime worker. */
export interface RuntimeBatch {
  cpuMicros: number;
  wallMs: number;
  created: number;
  errors: string[];
}

/** The parent's handle on one runtime worker (one runtime, provider and variant). */
export interface RuntimeWorker {
  /** The runtime and version the worker reported, e.g. `bun 1.4.5`. */
  readonly version: string;
  run(jobs: FlowJob[], concurrency: number): Promise<RuntimeBatch>;
  stop(): Promise<void>;
}

const WORKER = fileURLToPath(new URL('./runtime-worker.js', import.meta.url));
const BENCH_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Spawns a runtime worker and initialises its flow; undefined when the runtime is not installed. */
export async function startRuntimeWorker(
  runtime: Runtime,
  provider: Provider,
  variant: Variant,
  info: EmulatorInfo,
): Promise<RuntimeWorker | undefined> {
  const command = runtimeCommand(runtime, WORKER, { args: [provider, variant], worker: true });
  if (!command) return undefined;
  const child: ChildProcess = spawn(command.command, command.args, {
    cwd: BENCH_DIR,
    env: runtimeEnvironment(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const waiting: { resolve: (line: Record<string, unknown>) => void; reject: (error: Error) => void }[] = [];
  const label = `${runtime} ${provider}/${variant}`;
  lines.on('line', (line) => {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return; // a runtime's own note on stdout; not ours
    }
    const next = waiting.shift();
    if (!next) return;
    if (typeof message['fatal'] === 'string') next.reject(new Error(`${label}: ${message['fatal']}`));
    else next.resolve(message);
  });
  child.once('exit', (code, signal) => {
    for (const pending of waiting.splice(0))
      pending.reject(new Error(`${label} exited (${code ?? signal}): ${stderr}`));
  });
  const send = (message: unknown): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      child.stdin?.write(`${JSON.stringify(message)}\n`);
    });
  const ready = await send({ info });
  return {
    version: String(ready['ready']),
    async run(jobs, concurrency) {
      const answer = await send({ jobs, concurrency });
      return answer as unknown as RuntimeBatch;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin?.end();
      await exited;
    },
  };
}
