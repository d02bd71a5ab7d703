// One worker process of the store section's inbox throughput: it starts the job engine on Postgres, prints
// `{"ready":true}`, and on a `go` line from its parent works the inbox queue (`concurrency` at a time) until
// SIGTERM. Each job runs the Plaid webhook router's `process`: the inbox claim, the Item lifecycle update
// in the store and the handler (empty, or waiting handlerDelayMs). Settings come from the ACHBRIDGE_BENCH_INPUT environment variable.
import { createInterface } from 'node:readline';
import { createPlaidWebhookRouter, createStore } from '@achbridge/store';
import { createJobEngine } from '@achbridge/store/jobs';
import { z } from 'zod';

const inputSchema = z.object({
  url: z.string(),
  schema: z.string(),
  jobsSchema: z.string(),
  queue: z.string(),
  concurrency: z.number().int().min(1),
  key: z.string(),
  handlerDelayMs: z.number().int().min(0),
});
const input = inputSchema.parse(JSON.parse(process.env['ACHBRIDGE_BENCH_INPUT'] ?? '{}'));
const store = createStore({
  database: { url: input.url, maxConnections: input.concurrency + 2 },
  schema: input.schema,
  encryptionKeys: [{ id: 'bench', key: input.key }],
});
const engine = createJobEngine({
  store,
  connectionString: input.url,
  schema: input.jobsSchema,
  maxConnections: input.concurrency + 1,
  pollingIntervalSeconds: 0.5,
});
const job = engine.defineInboxJob({ name: input.queue, process: (dedupeKey) => router.process(dedupeKey) });
const router = createPlaidWebhookRouter({ store, mode: 'queue', enqueue: job.enqueue }).on(
  'ITEM',
  'ERROR',
  async () => {
    // The handler's own downstream work (a call to Plaid or your API), as a wait of handlerDelayMs.
    if (input.handlerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, input.handlerDelayMs));
  },
);

await store.ready();
await engine.start();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === 'go') void job.work({ concurrency: input.concurrency });
});
process.on('SIGTERM', () => {
  lines.close();
  void engine
    .stop({ graceful: true, timeoutMs: 5000 })
    .then(() => store.close())
    .finally(() => process.exit(0));
});
