import { parseInput } from '@achbridge/core';
import type { PaymentSummary, StripeAdapter, StripeBankAccount } from '@achbridge/stripe';
import { z } from 'zod';
import type { ProviderCall } from '../../calls/provider-call.js';
import { type FlowOutcome, runFlow, runIdOf } from '../../flows/flow-outcome.js';
import { customerSchema, linkSourceSchema, runIdSchema } from '../../flows/flow-schemas.js';
import { PREPARE_ITEM_STEPS, prepareItem } from '../../flows/prepare-item.js';
import type { StepDefinition, StepListener } from '../../flows/step-runner.js';
import type { ItemStore } from '../../items/item-store.js';
import type { SampleProviders } from '../../providers/sample-providers.js';
import { requireProcessorClient } from '../processor-client.js';

/** The Stripe flow's steps, in order. */
export const STRIPE_FLOW_STEPS: readonly StepDefinition[] = [
  ...PREPARE_ITEM_STEPS,
  { id: 'btok', label: 'Stripe bank account token (Plaid /processor/stripe/bank_account_token/create)' },
  { id: 'customer', label: 'Stripe customer with the bank account (test bank, verified)' },
  { id: 'mandate', label: 'ACH debit mandate (confirmed SetupIntent with mandate_data)' },
  { id: 'payment', label: 'Test ACH payment of $1.00 (PaymentIntent)' },
];

/** Input of the Stripe flow. */
export const stripeFlowInputSchema = z.object({
  runId: runIdSchema,
  source: linkSourceSchema,
  accountId: z.string().trim().min(1, 'must be the Plaid account_id chosen in Link'),
  customer: customerSchema,
  /** How the customer accepted the debit mandate (the page sends the browser's IP and user agent). */
  acceptance: z.object({
    ipAddress: z.union([z.ipv4(), z.ipv6()], { error: 'must be an IP address' }),
    userAgent: z.string().trim().min(1).max(500),
  }),
  /** Amount in cents (default 100 = $1.00). */
  amountCents: z.number().int().positive().max(100_000).default(100),
});

/** What the Stripe flow produces. */
export interface StripeFlowResult {
  itemId: string;
  accountId: string;
  customerId: string;
  bankAccount: StripeBankAccount;
  /** False when the bank account was already attached (a re-run): "already linked". */
  created: boolean;
  mandateId: string | null;
  payment: PaymentSummary;
}

const isBtokCall = (call: ProviderCall): boolean =>
  call.provider === 'plaid' &&
  call.endpoint === '/processor/stripe/bank_account_token/create' &&
  call.status === 200;

function formatCents(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

/** The Stripe adapter, or a 409 (`STRIPE_NOT_CONFIGURED`) saying how to enable Stripe. */
export function requireStripe(providers: Pick<SampleProviders, 'processors'>): StripeAdapter {
  return requireProcessorClient<StripeAdapter>(providers, { key: 'stripe', label: 'Stripe' });
}

/**
 * Plaid → Stripe test mode: duplicate check, exchange, btok, customer with bank account (the adapter's
 * `link`, safe to re-run: a second run reports `created: false`), mandate, and a test ACH payment. Emits a
 * progress event per step change; never throws (the outcome carries the error and its HTTP status).
 */
export async function runStripeFlow(
  deps: { providers: SampleProviders; items: ItemStore },
  input: z.input<typeof stripeFlowInputSchema>,
  listener: StepListener,
): Promise<FlowOutcome<StripeFlowResult>> {
  const runId = runIdOf(input);
  return runFlow({ runId, flow: 'stripe', steps: STRIPE_FLOW_STEPS, listener }, async (runner, run) => {
    const parsed = parseInput('runStripeFlow', stripeFlowInputSchema, input);
    const stripe = requireStripe(deps.providers);
    const { item, account, accessToken } = await prepareItem(
      runner,
      { plaid: deps.providers.plaid, items: deps.items },
      parsed.source,
      parsed.accountId,
      'runStripeFlow',
      run,
    );
    const linked = await runner.runPhases(
      [
        {
          id: 'btok',
          until: isBtokCall,
          detail: () => 'Plaid minted a single-use btok_... for the account (kept secret; attached at once).',
        },
        { id: 'customer' },
      ],
      () =>
        stripe.link({
          accessToken,
          accountId: account.id,
          customer: {
            email: parsed.customer.email,
            name: `${parsed.customer.firstName} ${parsed.customer.lastName}`,
          },
        }),
      (result) =>
        `Customer ${result.customerId}; bank account ${result.bankAccount.id} ` +
        `(${result.bankAccount.bankName ?? 'bank'} ••${result.bankAccount.last4}, ${result.bankAccount.status}) — ` +
        (result.created ? 'attached now (created: true).' : 'already linked (created: false).'),
    );
    await deps.items.setProcessorLink(item.itemId, 'stripe', {
      customer: linked.customerId,
      destination: linked.bankAccount.id,
      accountId: account.id,
    });
    const mandate = await runner.run('mandate', async () => {
      const result = await stripe.createMandate({
        customerId: linked.customerId,
        bankAccountId: linked.bankAccount.id,
        acceptance: {
          type: 'online',
          ipAddress: parsed.acceptance.ipAddress,
          userAgent: parsed.acceptance.userAgent,
        },
      });
      return {
        value: result,
        detail: `Mandate ${result.mandateId ?? '(pending)'} via SetupIntent ${result.setupIntentId} (${result.status}).`,
      };
    });
    const payment = await runner.run('payment', async () => {
      const result = await stripe.createAchPayment({
        customerId: linked.customerId,
        bankAccountId: linked.bankAccount.id,
        amount: parsed.amountCents,
        ...(mandate.mandateId === null ? {} : { mandateId: mandate.mandateId }),
        idempotencyKey: `achbridge-sample-payment-${parsed.runId}`,
        description: 'achbridge sample test ACH payment',
      });
      const settling =
        result.status === 'processing'
          ? ' ACH settles in about 4 business days (emulator: "Simulate settlement" advances its clock).'
          : '';
      return {
        value: result,
        detail: `PaymentIntent ${result.paymentIntentId} for ${formatCents(result.amount)}: ${result.status}.${settling}`,
      };
    });
    return {
      itemId: item.itemId,
      accountId: account.id,
      customerId: linked.customerId,
      bankAccount: linked.bankAccount,
      created: linked.created,
      mandateId: mandate.mandateId,
      payment,
    };
  });
}
