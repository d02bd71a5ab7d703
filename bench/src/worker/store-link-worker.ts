// One process of the store section: Stripe `link` on fresh public tokens through two adapters in the same
// process, one without a store and one with `@achbridge/store` (embedded PGlite in a temporary folder, or
// Postgres at the URL given), batches alternating, each batch after `gc()`. Reads its settings from the
// ACHBRIDGE_BENCH_INPUT environment variable (JSON) and prints one JSON line of per-round samples.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlaidClient } from '@achbridge/core';
import { createStore } from '@achbridge/store';
import { createStripeAdapter } from '@achbridge/stripe';
import { z } from 'zod';
import { emulatorInfoSchema } from '../lib/emulator-info.js';

const jobSchema = z.object({ publicToken: z.string(), accountId: z.string(), customer: z.string() });
const inputSchema = z.object({
  info: emulatorInfoSchema,
  database: z.union([
    z.object({ engine: z.literal('pglite') }),
    z.object({ engine: z.literal('postgres'), url: z.string() }),
  ]),
  rounds: z.number().int().min(1),
  batch: z.number().int().min(1),
  warmup: z.number().int().min(1),
  jobs: z.array(jobSchema),
});

/** CPU (user + system) and wall time of one batch, per link, in microseconds. */
interface BatchCost {
  cpuMicros: number;
  wallMicros: number;
}

const input = inputSchema.parse(JSON.parse(process.env['ACHBRIDGE_BENCH_INPUT'] ?? '{}'));
const { info } = input;
const dataDir =
  input.database.engine === 'pglite' ? await mkdtemp(join(tmpdir(), 'achbridge-bench-store-')) : '';
const store = createStore({
  database: input.database.engine === 'pglite' ? { dataDir } : { url: input.database.url },
  schema: `bench_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
  encryptionKeys: [{ id: 'bench', key: randomBytes(32).toString('base64') }],
});
const adapterFor = (withStore: boolean) =>
  createStripeAdapter({
    plaid: createPlaidClient({
      environment: 'sandbox',
      baseUrl: info.plaid.baseUrl,
      clientId: info.plaid.clientId,
      secret: info.plaid.secret,
    }),
    stripe: {
      secretKey: info.stripe.secretKey,
      host: info.stripe.host,
      port: info.stripe.port,
      protocol: info.stripe.protocol,
    },
    ...(withStore ? { store } : {}),
  });
const plain = adapterFor(false);
const stored = adapterFor(true);
const jobs = [...input.jobs];

async function batch(adapter: typeof plain, count: number): Promise<BatchCost> {
  const taken = jobs.splice(0, count);
  if (taken.length < count) throw new Error('not enough prepared link jobs');
  (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const job of taken) {
    await adapter.link({
      publicToken: job.publicToken,
      accountId: job.accountId,
      customer: { id: job.customer },
    });
  }
  const wall = (performance.now() - started) * 1000;
  const used = process.cpuUsage(cpu);
  return { cpuMicros: (used.user + used.system) / count, wallMicros: wall / count };
}

try {
  await store.ready();
  await batch(plain, input.warmup);
  await batch(stored, input.warmup);
  const rounds: { plain: BatchCost; store: BatchCost }[] = [];
  for (let round = 0; round < input.rounds; round += 1) {
    if (round % 2 === 0) {
      const a = await batch(plain, input.batch);
      rounds.push({ plain: a, store: await batch(stored, input.batch) });
    } else {
      const b = await batch(stored, input.batch);
      rounds.push({ plain: await batch(plain, input.batch), store: b });
    }
  }
  process.stdout.write(`${JSON.stringify({ rounds })}\n`);
} finally {
  await store.close();
  if (dataDir !== '') await rm(dataDir, { recursive: true, force: true });
}
