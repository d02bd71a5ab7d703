// A separate program the crash-resume tests spawn and kill -9 mid-flow. It runs one `link` with the
// settings it reads from the ACHBRIDGE_CHILD_INPUT environment variable (JSON) and prints one JSON line:
// `{"ok":true,"id":"..."}` or `{"ok":false,"name":"...","code":"..."}`.
import { createPlaidClient } from '@achbridge/core';
import { createDwollaAdapter, createDwollaClient } from '@achbridge/dwolla';
import { createModernTreasuryAdapter } from '@achbridge/modern-treasury';
import { createStripeAdapter } from '@achbridge/stripe';
import { z } from 'zod';

const inputSchema = z.object({
  flow: z.enum(['stripe', 'dwolla', 'modern_treasury']),
  plaid: z.object({ baseUrl: z.string(), clientId: z.string(), secret: z.string() }),
  stripe: z.object({ host: z.string(), port: z.number(), secretKey: z.string() }),
  dwolla: z.object({ baseUrl: z.string(), key: z.string(), secret: z.string() }),
  modernTreasury: z.object({ baseUrl: z.string(), organizationId: z.string(), apiKey: z.string() }),
  accessToken: z.string(),
  accountId: z.string(),
  /** Stripe: the customer's email; Dwolla: the customer id; Modern Treasury: the counterparty id. */
  customer: z.string(),
});

/** Runs the link described by `raw` and returns the bank account or funding source id. */
export async function runChildLink(raw: unknown): Promise<string> {
  const input = inputSchema.parse(raw);
  // Long timeouts and tiny retry delays: a held request stays in flight until the parent kills us.
  const plaid = createPlaidClient({
    environment: 'sandbox',
    baseUrl: input.plaid.baseUrl,
    clientId: input.plaid.clientId,
    secret: input.plaid.secret,
    timeoutMs: 60_000,
    retry: { initialDelayMs: 5, maxDelayMs: 20 },
  });
  if (input.flow === 'stripe') {
    const adapter = createStripeAdapter({
      plaid,
      stripe: {
        secretKey: input.stripe.secretKey,
        host: input.stripe.host,
        port: input.stripe.port,
        protocol: 'http',
      },
      retry: { initialDelayMs: 5, maxDelayMs: 20 },
    });
    const linked = await adapter.link({
      accessToken: input.accessToken,
      accountId: input.accountId,
      customer: { email: input.customer },
    });
    return linked.bankAccount.id;
  }
  if (input.flow === 'modern_treasury') {
    const adapter = createModernTreasuryAdapter({
      plaid,
      modernTreasury: {
        environment: 'sandbox',
        baseUrl: input.modernTreasury.baseUrl,
        organizationId: input.modernTreasury.organizationId,
        apiKey: input.modernTreasury.apiKey,
        timeoutMs: 60_000,
      },
      retry: { initialDelayMs: 5, maxDelayMs: 20 },
    });
    const linked = await adapter.link({
      accessToken: input.accessToken,
      accountId: input.accountId,
      counterparty: input.customer,
    });
    return linked.externalAccount.id;
  }
  const dwolla = createDwollaClient({
    environment: 'sandbox',
    baseUrl: input.dwolla.baseUrl,
    key: input.dwolla.key,
    secret: input.dwolla.secret,
    timeoutMs: 60_000,
    retry: { initialDelayMs: 5 },
  });
  const adapter = createDwollaAdapter({ plaid, dwolla });
  const linked = await adapter.link({
    accessToken: input.accessToken,
    accountId: input.accountId,
    customer: input.customer,
    name: 'Crash-resume checking',
  });
  return linked.fundingSource.id;
}

runChildLink(JSON.parse(process.env['ACHBRIDGE_CHILD_INPUT'] ?? 'null')).then(
  (id) => {
    process.stdout.write(`${JSON.stringify({ ok: true, id })}\n`);
  },
  (error: unknown) => {
    const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
    process.stdout.write(
      `${JSON.stringify({ ok: false, name: String(record['name']), code: String(record['code']) })}\n`,
    );
    process.exitCode = 1;
  },
);
