import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FlowJob, Provider, Variant } from '../flows/flow-types.js';
import type { EmulatorInfo } from '../lib/emulator-info.js';
import { type BatchResult, type FromWorker, fromWorkerSchema, type ToWorker } from './worker-protocol.js';

/** The parent's handle on one flow worker process. */
export interface FlowWorker {
  readonly provider: Provider;
  readonly variant: Variant;
  /**
   * Runs `jobs` in the worker, `concurrency` at a time, and returns what the batch cost; with `countCalls`
   * also the HTTP requests and 429s (per flow at concurrency 1).
   */
  run(jobs: FlowJob[], concurrency: number, countCalls?: boolean): Promise<BatchResult>;
  /** Ends the worker process. */
  stop(): Promise<void>;
}

/** Options of `startFlowWorker`. */
export interface FlowWorkerOptions {
  provider: Provider;
  variant: Variant;
  info: EmulatorInfo;
  /** Retries per provider call (achbridge flows and the node:http floor's 429 retries). */
  maxRetries?: number;
  /** Caps node:http's shared keep-alive pool per origin in the worker. */
  maxSockets?: number;
  /** The node:http floor reads the accounts beside the token mint (the 4-call floor). */
  readAccounts?: boolean;
}

/** Forks a worker (with `--expose-gc`, so each batch starts from a collected heap) and initialises its flow. */
export async function startFlowWorker(options: FlowWorkerOptions): Promise<FlowWorker> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./flow-worker.js', import.meta.url)), [], {
    execArgv: ['--expose-gc'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<
    string,
    { resolve: (message: FromWorker) => void; reject: (error: Error) => void }
  >();
  const failAll = (error: Error): void => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  child.on('message', (raw: unknown) => {
    const parsed = fromWorkerSchema.safeParse(raw);
    if (!parsed.success) return failAll(new Error(`bad worker message: ${parsed.error.message}`));
    const message = parsed.data;
    if (message.type === 'fatal')
      return failAll(new Error(`${options.provider}/${options.variant}: ${message.message}`));
    const key = message.type === 'ready' ? 'ready' : `run-${message.id}`;
    waiting.get(key)?.resolve(message);
    waiting.delete(key);
  });
  child.on('exit', (code, signal) => failAll(new Error(`worker exited (${code ?? signal})`)));
  const expect = (key: string, message: ToWorker): Promise<FromWorker> =>
    new Promise((resolve, reject) => {
      waiting.set(key, { resolve, reject });
      child.send(message);
    });
  await expect('ready', {
    type: 'init',
    info: options.info,
    provider: options.provider,
    variant: options.variant,
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(options.maxSockets === undefined ? {} : { maxSockets: options.maxSockets }),
    ...(options.readAccounts === undefined ? {} : { readAccounts: options.readAccounts }),
  });
  let nextId = 0;
  return {
    provider: options.provider,
    variant: options.variant,
    async run(jobs, concurrency, countCalls = false) {
      const id = nextId++;
      const answer = await expect(`run-${id}`, { type: 'run', id, jobs, concurrency, countCalls });
      if (answer.type !== 'result') throw new Error('unexpected worker answer');
      return answer;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      await exited;
    },
  };
}
