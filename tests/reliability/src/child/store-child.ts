// A separate program the multi-process store tests spawn (several at once, sharing one Postgres store). It
// runs `count` concurrent Stripe `link` or `createAchPayment` calls, or Dwolla `link` calls (`dwolla-link`), with the settings it reads from the
// ACHBRIDGE_CHILD_INPUT environment variable (JSON) and prints one JSON line:
// `{"ok":true,"ids":[...],"failures":[...]}`.
import { createPlaidClient } from '@achbridge/core';
import { createDwollaAdapter, createDwollaClient } from '@achbridge/dwolla';
import { createPlaidWebhookRouter, createStore } from '@achbridge/store';
import { createStripeAdapter } from '@achbridge/stripe';
import { z } from 'zod';

const inputSchema = z.object({
  action: z.enum(['link', 'pay', 'dwolla-link', 'webhook']),
  count: z.number().int().min(1).max(500),
  databaseUrl: z.string(),
  schema: z.string(),
  key: z.string(),
  plaid: z.object({ baseUrl: z.string(), clientId: z.string(), secret: z.string() }),
  stripe: z.object({ host: z.string(), port: z.number(), secretKey: z.string() }),
  dwolla: z.object({ baseUrl: z.string(), key: z.string(), secret: z.string() }).optional(),
  /** A verified Plaid webhook body, received `count` times at once; the handler records a row per run. */
  webhookBody: z.string().optional(),
  dwollaLink: z.object({ accessToken: z.string(), accountId: z.string(), customerId: z.string() }).optional(),
  link: z
    .object({
      publicToken: z.string().optional(),
      accessToken: z.string().optional(),
      accountId: z.string(),
      email: z.string(),
    })
    .optional(),
  payment: z
    .object({
      customerId: z.string(),
      bankAccountId: z.string(),
      mandateId: z.string(),
      amount: z.number(),
      idempotencyKey: z.string(),
    })
    .optional(),
});

/** Runs the calls described by `raw` and returns each successful call's id and each failure's code. */
export async function runStoreChild(raw: unknown): Promise<{ ids: string[]; failures: string[] }> {
  const input = inputSchema.parse(raw);
  const store = createStore({
    database: { url: input.databaseUrl, maxConnections: 10 },
    schema: input.schema,
    encryptionKeys: [{ id: 'k1', key: input.key }],
    pollMs: 10,
  });
  const plaid = createPlaidClient({
    environment: 'sandbox',
    baseUrl: input.plaid.baseUrl,
    clientId: input.plaid.clientId,
    secret: input.plaid.secret,
    retry: { maxRetries: 8, initialDelayMs: 5, maxDelayMs: 50 },
  });
  const adapter = createStripeAdapter({
    plaid,
    stripe: {
      secretKey: input.stripe.secretKey,
      host: input.stripe.host,
      port: input.stripe.port,
      protocol: 'http',
    },
    retry: { maxRetries: 8, initialDelayMs: 5, maxDelayMs: 50 },
    store,
  });
  const dwolla =
    input.dwolla === undefined
      ? undefined
      : createDwollaAdapter({
          plaid,
          dwolla: createDwollaClient({
            environment: 'sandbox',
            baseUrl: input.dwolla.baseUrl,
            key: input.dwolla.key,
            secret: input.dwolla.secret,
            retry: { maxRetries: 8, initialDelayMs: 5 },
          }),
          store,
        });
  const router = createPlaidWebhookRouter({ store }).fallback(async () => {
    const client = await store.client();
    await client.query(`INSERT INTO ${input.schema}.handler_runs (pid) VALUES ($1)`, [process.pid]);
    // Slow enough that the other deliveries arrive while this one runs.
    await new Promise((done) => setTimeout(done, 200));
    await client.query(`UPDATE ${input.schema}.handler_runs SET finished = true WHERE pid = $1`, [
      process.pid,
    ]);
  });
  const call = async (): Promise<string> => {
    if (input.action === 'webhook' && input.webhookBody !== undefined) {
      const received = await router.receive(input.webhookBody);
      return `${received.dedupeKey}:${received.result}`;
    }
    if (input.action === 'dwolla-link' && input.dwollaLink && dwolla) {
      const { accessToken, accountId, customerId } = input.dwollaLink;
      return (
        await dwolla.link({ accessToken, accountId, customer: customerId, name: 'Many Processes Checking' })
      ).fundingSource.id;
    }
    if (input.action === 'link' && input.link) {
      const { publicToken, accessToken, accountId, email } = input.link;
      const linked = await adapter.link({
        ...(publicToken ? { publicToken } : { accessToken }),
        accountId,
        customer: { email },
      });
      return linked.bankAccount.id;
    }
    if (input.action === 'pay' && input.payment) {
      return (await adapter.createAchPayment(input.payment)).paymentIntentId;
    }
    throw new Error('missing link or payment input');
  };
  try {
    const settled = await Promise.allSettled(Array.from({ length: input.count }, call));
    return {
      ids: settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])),
      failures: settled.flatMap((result) =>
        result.status === 'rejected'
          ? [String((result.reason as { code?: unknown })?.code ?? result.reason)]
          : [],
      ),
    };
  } finally {
    await store.close();
  }
}

runStoreChild(JSON.parse(process.env['ACHBRIDGE_CHILD_INPUT'] ?? 'null')).then(
  (result) => {
    process.stdout.write(`${JSON.stringify({ ok: true, ...result })}\n`);
  },
  (error: unknown) => {
    const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
    process.stdout.write(
      `${JSON.stringify({ ok: false, name: String(record['name']), code: String(record['code']) })}\n`,
    );
    process.exitCode = 1;
  },
);
