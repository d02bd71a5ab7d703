// A flow worker that runs in Node, Bun or Deno: `<runtime> runtime-worker.js <provider> <variant>`. It talks
// JSON lines over stdio (the same in all three): the first line is the emulator info, then one line per batch
// `{ jobs, concurrency }`; it answers each with `{ cpuMicros, wallMs, created, errors }`. The flow modules
// are the ones the Node section uses; Bun and Deno resolve the packages with their `bun` / `deno` export
// conditions, so achbridge runs its fetch build there.
import process from 'node:process';
import { createInterface } from 'node:readline';
import type { FlowJob, Provider, Variant } from '../flows/flow-types.js';
import { loadFlowFactory } from '../flows/load-flow.js';
import type { EmulatorInfo } from '../lib/emulator-info.js';
import { mapLimit } from '../lib/map-limit.js';

interface Batch {
  jobs: FlowJob[];
  concurrency: number;
}

/** The runtime and its version, e.g. `bun 1.4.5`. */
function runtimeName(): string {
  const deno = (globalThis as { Deno?: { version: { deno: string } } }).Deno;
  if (deno) return `deno ${deno.version.deno}`;
  const bun = (process.versions as Record<string, string | undefined>)['bun'];
  if (bun) return `bun ${bun}`;
  return `node ${process.version}`;
}

/** A full collection before each batch where the runtime offers one (node/deno: --expose-gc; Bun.gc). */
function collect(): void {
  const bun = (globalThis as { Bun?: { gc(force: boolean): void } }).Bun;
  if (bun) bun.gc(true);
  else (globalThis as { gc?: () => void }).gc?.();
}

const [provider, variant] = process.argv.slice(-2) as [Provider, Variant];
const lines = createInterface({ input: process.stdin });
let run: ((job: FlowJob) => Promise<unknown>) | undefined;
const write = (message: unknown): void => {
  process.stdout.write(`${JSON.stringify(message)}\n`);
};

lines.on('line', (line) => {
  const message = JSON.parse(line) as { info: EmulatorInfo } | Batch;
  if ('info' in message) {
    loadFlowFactory(provider, variant).then(
      (factory) => {
        const flow = factory(message.info);
        run = (job) => flow.run(job);
        write({ ready: runtimeName() });
      },
      (error: unknown) => write({ fatal: String(error) }),
    );
    return;
  }
  const active = run;
  if (!active) return write({ fatal: 'batch before init' });
  collect();
  const errors: string[] = [];
  let created = 0;
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  mapLimit(message.jobs, message.concurrency, async (job) => {
    try {
      await active(job);
      created += 1;
    } catch (error) {
      if (errors.length < 3)
        errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  }).then(() => {
    const cpu = process.cpuUsage(cpuStart);
    write({ cpuMicros: cpu.user + cpu.system, wallMs: performance.now() - wallStart, created, errors });
  });
});
lines.on('close', () => process.exit(0));
