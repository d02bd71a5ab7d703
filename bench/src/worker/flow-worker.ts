import http from 'node:http';
import type { Flow } from '../flows/flow-types.js';
import { loadFlowFactory } from '../flows/load-flow.js';
import { mapLimit } from '../lib/map-limit.js';
import { createCallCounter } from './call-counter.js';
import { type BatchResult, type FromWorker, type ToWorker, toWorkerSchema } from './worker-protocol.js';

// Child process: builds one provider/variant client, then measures batches of flows the parent sends.
let flow: Flow | undefined;
const counter = createCallCounter();

function reply(message: FromWorker): void {
  process.send?.(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function runBatch(message: Extract<ToWorker, { type: 'run' }>): Promise<BatchResult> {
  const active = flow;
  if (!active) throw new Error('run before init');
  const outcomes: (string | null)[] = [];
  const callsPerFlow: number[] = [];
  const roundTripsPerFlow: number[] = [];
  const perFlow = message.countCalls && message.concurrency === 1;
  const errors: string[] = [];
  let failed = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  if (message.countCalls) counter.start();
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  await mapLimit(message.jobs, message.concurrency, async (job, index) => {
    const before = counter.requests;
    if (perFlow) counter.resetPath();
    try {
      outcomes[index] = (await active.run(job)).resourceId;
    } catch (error) {
      outcomes[index] = null;
      failed += 1;
      if (errors.length < 5) errors.push(describe(error));
    }
    if (perFlow) {
      callsPerFlow[index] = counter.requests - before;
      roundTripsPerFlow[index] = counter.roundTrips;
    }
  });
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - wallStart;
  counter.stop();
  return {
    type: 'result',
    id: message.id,
    cpuUserMicros: cpu.user,
    cpuSystemMicros: cpu.system,
    wallMs,
    outcomes,
    errors,
    failed,
    callsPerFlow,
    roundTripsPerFlow,
    requests: message.countCalls ? counter.requests : 0,
    throttled: message.countCalls ? counter.throttled : 0,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

process.on('message', (raw: unknown) => {
  const parsed = toWorkerSchema.safeParse(raw);
  if (!parsed.success) {
    reply({ type: 'fatal', message: `bad message: ${parsed.error.message}` });
    return;
  }
  const message = parsed.data;
  if (message.type === 'init') {
    if (message.maxSockets !== undefined) http.globalAgent.maxSockets = message.maxSockets;
    loadFlowFactory(message.provider, message.variant).then(
      (factory) => {
        flow = factory(message.info, {
          ...(message.maxRetries === undefined ? {} : { maxRetries: message.maxRetries }),
          ...(message.readAccounts === undefined ? {} : { readAccounts: message.readAccounts }),
        });
        reply({ type: 'ready' });
      },
      (error: unknown) => reply({ type: 'fatal', message: describe(error) }),
    );
    return;
  }
  runBatch(message).then(reply, (error: unknown) => reply({ type: 'fatal', message: describe(error) }));
});

process.on('disconnect', () => process.exit(0));

// stripe-node warns once per request when its telemetry buffer is full (1,000 flows at once); keep others.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (!warning.message.includes('Request metrics buffer is full'))
    process.stderr.write(`${warning.stack ?? warning.message}\n`);
});
