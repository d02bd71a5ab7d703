import { parseInput } from '@achbridge/core';
import type { DwollaAdapter, DwollaFundingSourceResult, DwollaTransfer } from '@achbridge/dwolla';
import { z } from 'zod';
import type { ProviderCall } from '../../calls/provider-call.js';
import { type FlowOutcome, runFlow, runIdOf } from '../../flows/flow-outcome.js';
import { customerSchema, linkSourceSchema, runIdSchema } from '../../flows/flow-schemas.js';
import { PREPARE_ITEM_STEPS, prepareItem } from '../../flows/prepare-item.js';
import type { StepDefinition, StepListener } from '../../flows/step-runner.js';
import type { ItemStore } from '../../items/item-store.js';
import type { SampleProviders } from '../../providers/sample-providers.js';
import { requireProcessorClient } from '../processor-client.js';

/** The Dwolla flow's steps, in order. */
export const DWOLLA_FLOW_STEPS: readonly StepDefinition[] = [
  ...PREPARE_ITEM_STEPS,
  { id: 'customer', label: 'Dwolla customer (unverified)' },
  { id: 'processor_token', label: 'Plaid processor token for Dwolla (/processor/token/create)' },
  { id: 'funding_source', label: 'Dwolla funding source from the processor token (verified)' },
  {
    id: 'transfer',
    label: '$1.00 ACH debit: Dwolla transfer from the funding source to your Dwolla balance',
  },
];

/** The sample's debit amount (US dollars). */
export const DWOLLA_DEBIT_AMOUNT = '1.00';

/** Input of the Dwolla flow. */
export const dwollaFlowInputSchema = z.object({
  runId: runIdSchema,
  source: linkSourceSchema,
  accountId: z.string().trim().min(1, 'must be the Plaid account_id chosen in Link'),
  customer: customerSchema,
});

/** What the Dwolla flow produces. */
export interface DwollaFlowResult {
  itemId: string;
  accountId: string;
  customerId: string;
  customerUrl: string;
  fundingSource: DwollaFundingSourceResult;
  /** False when the funding source already existed (a re-run): "already linked". */
  created: boolean;
  /** The $1.00 debit (the same transfer on a re-run: its idempotency key names the Item and account). */
  transfer: DwollaTransfer | null;
}

const isProcessorTokenCall = (call: ProviderCall): boolean =>
  call.provider === 'plaid' && call.endpoint === '/processor/token/create' && call.status === 200;

/** The Dwolla adapter with your Dwolla balance finder (the destination of the $1.00 debit). */
export interface DwollaSampleClient {
  adapter: DwollaAdapter;
  /** Finds your Dwolla account's balance funding source. */
  findBalance: () => Promise<string>;
}

/** The Dwolla client, or a 409 (`DWOLLA_NOT_CONFIGURED`) saying how to enable Dwolla. */
export function requireDwollaClient(providers: Pick<SampleProviders, 'processors'>): DwollaSampleClient {
  return requireProcessorClient<DwollaSampleClient>(providers, { key: 'dwolla', label: 'Dwolla' });
}

/** The Dwolla adapter, or a 409 (`DWOLLA_NOT_CONFIGURED`) saying how to enable Dwolla. */
export function requireDwolla(providers: Pick<SampleProviders, 'processors'>): DwollaAdapter {
  return requireDwollaClient(providers).adapter;
}

/**
 * Plaid → Dwolla Sandbox: duplicate check, exchange, customer (an existing email returns that customer),
 * processor token and funding source (the adapter's `link`; a re-run returns the same funding source with
 * `created: false`). Emits a progress event per step change; never throws.
 */
export async function runDwollaFlow(
  deps: { providers: SampleProviders; items: ItemStore },
  input: z.input<typeof dwollaFlowInputSchema>,
  listener: StepListener,
): Promise<FlowOutcome<DwollaFlowResult>> {
  const runId = runIdOf(input);
  return runFlow({ runId, flow: 'dwolla', steps: DWOLLA_FLOW_STEPS, listener }, async (runner, run) => {
    const parsed = parseInput('runDwollaFlow', dwollaFlowInputSchema, input);
    const { adapter: dwolla, findBalance } = requireDwollaClient(deps.providers);
    const { item, account, accessToken } = await prepareItem(
      runner,
      { plaid: deps.providers.plaid, items: deps.items },
      parsed.source,
      parsed.accountId,
      'runDwollaFlow',
      run,
    );
    const customer = await runner.run('customer', async () => {
      const result = await dwolla.createCustomer({
        firstName: parsed.customer.firstName,
        lastName: parsed.customer.lastName,
        email: parsed.customer.email,
      });
      return {
        value: result,
        detail:
          `Customer ${result.id} (${result.status}) for ${parsed.customer.email} — ` +
          (result.created
            ? 'created (an idempotent re-run replays the same customer).'
            : 'the existing customer for this email (created: false).'),
      };
    });
    const name = `${account.name}${account.mask ? ` ${account.mask}` : ''}`.slice(0, 50);
    const linked = await runner.runPhases(
      [
        {
          id: 'processor_token',
          until: isProcessorTokenCall,
          detail: () => 'Plaid minted processor-sandbox-... for Dwolla (kept secret; Dwolla uses it once).',
        },
        { id: 'funding_source' },
      ],
      () => dwolla.link({ accessToken, accountId: account.id, customer: customer.id, name }),
      (result) =>
        `Funding source ${result.fundingSource.id} "${result.fundingSource.name}" ` +
        `(${result.fundingSource.bankName ?? 'bank'}, ${result.fundingSource.bankAccountType ?? 'account'}): ${result.fundingSource.status} — ` +
        (result.created ? 'created now (created: true).' : 'already linked (created: false).'),
    );
    const link = { customer: customer.url, destination: linked.fundingSource.url, accountId: account.id };
    const previous = (await deps.items.get(item.itemId)).dwolla;
    const earlierDebit =
      previous?.accountId === account.id && previous.destination === link.destination
        ? previous.paymentId
        : undefined;
    await deps.items.setProcessorLink(item.itemId, 'dwolla', { ...link, paymentId: earlierDebit });
    let transfer: DwollaTransfer | null = null;
    if (earlierDebit !== undefined) {
      // Dwolla forgets idempotency keys after 24 hours: the app's own record is what prevents a second debit.
      transfer = await runner.run('transfer', async () => {
        const result = await dwolla.getTransfer(earlierDebit);
        return {
          value: result,
          detail: `Transfer ${result.id}: $${result.amount.value} ${result.status} — the debit of an earlier run (no second transfer).`,
        };
      });
    } else {
      transfer = await runner.run('transfer', async () => {
        const result = await dwolla.createTransfer({
          source: linked.fundingSource.url,
          destination: await findBalance(),
          amount: DWOLLA_DEBIT_AMOUNT,
          // One debit per Item and account: a retry within Dwolla's 24 hours returns the same transfer.
          idempotencyKey: `sample-debit-${item.itemId}-${account.id}`.slice(0, 255),
        });
        return {
          value: result,
          detail: `Transfer ${result.id}: $${result.amount.value} ${result.status}${result.cancellable ? ' (cancellable)' : ''}.`,
        };
      });
      await deps.items.setProcessorLink(item.itemId, 'dwolla', { ...link, paymentId: transfer.id });
    }
    return {
      itemId: item.itemId,
      accountId: account.id,
      customerId: customer.id,
      customerUrl: customer.url,
      fundingSource: linked.fundingSource,
      created: linked.created,
      transfer,
    };
  });
}
