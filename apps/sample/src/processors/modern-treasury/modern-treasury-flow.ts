import { parseInput } from '@achbridge/core';
import type {
  ModernTreasuryAdapter,
  ModernTreasuryExternalAccountResult,
  ModernTreasuryPaymentOrder,
} from '@achbridge/modern-treasury';
import { z } from 'zod';
import type { ProviderCall } from '../../calls/provider-call.js';
import { SampleError } from '../../errors/sample-error.js';
import { type FlowOutcome, runFlow, runIdOf } from '../../flows/flow-outcome.js';
import { customerSchema, linkSourceSchema, runIdSchema } from '../../flows/flow-schemas.js';
import { PREPARE_ITEM_STEPS, prepareItem } from '../../flows/prepare-item.js';
import type { StepDefinition, StepListener } from '../../flows/step-runner.js';
import type { ItemStore } from '../../items/item-store.js';
import type { SampleProviders } from '../../providers/sample-providers.js';
import { requireProcessorClient } from '../processor-client.js';

/** The Modern Treasury flow's steps, in order. */
export const MODERN_TREASURY_FLOW_STEPS: readonly StepDefinition[] = [
  ...PREPARE_ITEM_STEPS,
  { id: 'counterparty', label: 'Modern Treasury counterparty' },
  { id: 'processor_token', label: 'Plaid processor token for Modern Treasury (/processor/token/create)' },
  { id: 'external_account', label: 'Modern Treasury external account from the processor token (verified)' },
  { id: 'internal_account', label: 'Internal account that receives the debit' },
  { id: 'payment_order', label: 'ACH debit of $1.00 (payment order)' },
];

/** Input of the Modern Treasury flow. */
export const modernTreasuryFlowInputSchema = z.object({
  runId: runIdSchema,
  source: linkSourceSchema,
  accountId: z.string().trim().min(1, 'must be the Plaid account_id chosen in Link'),
  customer: customerSchema,
});

/** What the Modern Treasury flow produces. */
export interface ModernTreasuryFlowResult {
  itemId: string;
  accountId: string;
  counterpartyId: string;
  externalAccount: ModernTreasuryExternalAccountResult;
  paymentOrder: ModernTreasuryPaymentOrder;
  /** False when the external account already existed (a re-run): "already linked". */
  created: boolean;
}

const isProcessorTokenCall = (call: ProviderCall): boolean =>
  call.provider === 'plaid' && call.endpoint === '/processor/token/create' && call.status === 200;

/** The Modern Treasury adapter, or a 409 (`MODERN_TREASURY_NOT_CONFIGURED`) saying how to enable it. */
export function requireModernTreasury(providers: Pick<SampleProviders, 'processors'>): ModernTreasuryAdapter {
  return requireProcessorClient<ModernTreasuryAdapter>(providers, {
    key: 'modern_treasury',
    label: 'Modern Treasury',
  });
}

/**
 * Plaid → Modern Treasury sandbox: duplicate check, exchange, counterparty (found again by its external id),
 * processor token and external account (the adapter's `link`; a re-run returns the same account with
 * `created: false`), then a $1.00 ACH debit keyed by the Item and account, so a re-run makes no second
 * payment order. Emits a progress event per step change; never throws.
 */
export async function runModernTreasuryFlow(
  deps: { providers: SampleProviders; items: ItemStore },
  input: z.input<typeof modernTreasuryFlowInputSchema>,
  listener: StepListener,
): Promise<FlowOutcome<ModernTreasuryFlowResult>> {
  const runId = runIdOf(input);
  return runFlow(
    { runId, flow: 'modern_treasury', steps: MODERN_TREASURY_FLOW_STEPS, listener },
    async (runner, run) => {
      const parsed = parseInput('runModernTreasuryFlow', modernTreasuryFlowInputSchema, input);
      const mt = requireModernTreasury(deps.providers);
      const { item, account, accessToken } = await prepareItem(
        runner,
        { plaid: deps.providers.plaid, items: deps.items },
        parsed.source,
        parsed.accountId,
        'runModernTreasuryFlow',
        run,
      );
      const counterparty = await runner.run('counterparty', async () => {
        const result = await mt.createCounterparty({
          name: `${parsed.customer.firstName} ${parsed.customer.lastName}`,
          email: parsed.customer.email,
          externalId: `sample-${parsed.customer.email.toLowerCase()}`,
        });
        return {
          value: result,
          detail:
            `Counterparty ${result.id} for ${parsed.customer.email} — ` +
            (result.created
              ? 'created.'
              : 'the existing counterparty for this external id (created: false).'),
        };
      });
      const name = `${account.name}${account.mask ? ` ${account.mask}` : ''}`.slice(0, 100);
      const linked = await runner.runPhases(
        [
          {
            id: 'processor_token',
            until: isProcessorTokenCall,
            detail: () =>
              'Plaid minted processor-sandbox-... for Modern Treasury (kept secret; Modern Treasury uses it once).',
          },
          { id: 'external_account' },
        ],
        () => mt.link({ accessToken, accountId: account.id, counterparty: counterparty.id, name }),
        (result) =>
          `External account ${result.externalAccount.id} (${result.externalAccount.accountType} ••${result.externalAccount.accountNumberLast4 ?? '----'}): ` +
          `${result.externalAccount.verificationStatus} by ${result.externalAccount.verificationSource ?? 'n/a'} — ` +
          (result.created ? 'created now (created: true).' : 'already linked (created: false).'),
      );
      const internal = await runner.run('internal_account', async () => {
        const accounts = await mt.listInternalAccounts();
        const chosen = accounts.find((candidate) => candidate.achDebit);
        if (chosen === undefined) {
          throw new SampleError(
            409,
            'NO_INTERNAL_ACCOUNT',
            'No Modern Treasury internal account can originate ACH debits; open one in the sandbox first.',
          );
        }
        return { value: chosen, detail: `${chosen.name ?? chosen.id} (${chosen.currency ?? 'USD'})` };
      });
      const paymentOrder = await runner.run('payment_order', async () => {
        const order = await mt.createAchDebit({
          externalAccountId: linked.externalAccount.id,
          originatingAccountId: internal.id,
          amount: 100,
          idempotencyKey: `sample-${item.itemId}-${account.id}-100`,
          description: 'achbridge sample test debit',
        });
        return { value: order, detail: `Payment order ${order.id}: ${order.status}.` };
      });
      return {
        itemId: item.itemId,
        accountId: account.id,
        counterpartyId: counterparty.id,
        externalAccount: linked.externalAccount,
        paymentOrder,
        created: linked.created,
      };
    },
  );
}
