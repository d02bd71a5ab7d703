import { registerSecret } from '@achbridge/core';
import { MODERN_TREASURY_CREDENTIALS } from '@achbridge/emulator';
import {
  createModernTreasuryAdapter,
  type ModernTreasuryAdapter,
  modernTreasuryRequirements,
} from '@achbridge/modern-treasury';
import { runFlow } from '../../flows/flow-outcome.js';
import { recordedTransport } from '../recorded-transport.js';
import type { SampleProcessor } from '../sample-processor.js';
import {
  MODERN_TREASURY_FLOW_STEPS,
  type ModernTreasuryFlowResult,
  requireModernTreasury,
  runModernTreasuryFlow,
} from './modern-treasury-flow.js';
import { MT_SETTLE_STEPS, settleModernTreasuryDebit } from './modern-treasury-settle.js';

/** Modern Treasury sandbox keys (never logged or sent to the browser). */
export interface ModernTreasuryKeys {
  organizationId: string;
  apiKey: string;
}

const ORGANIZATION_ID = 'MODERN_TREASURY_ORGANIZATION_ID';
const API_KEY = 'MODERN_TREASURY_API_KEY';

/** Modern Treasury (sandbox): counterparty → processor token → external account → $1.00 ACH debit. */
export const modernTreasuryProcessor: SampleProcessor<
  ModernTreasuryAdapter,
  ModernTreasuryKeys,
  ModernTreasuryFlowResult
> = {
  key: 'modern_treasury',
  slug: 'modern-treasury',
  label: 'Modern Treasury',
  environment: 'sandbox',
  hint: 'Counterparty → processor token → verified external account → $1.00 ACH debit (payment order).',
  requirements: modernTreasuryRequirements,
  keys: {
    variables: [ORGANIZATION_ID, API_KEY],
    read(variable, problems) {
      const organizationId = variable(ORGANIZATION_ID);
      const apiKey = variable(API_KEY);
      registerSecret(apiKey);
      if (organizationId !== undefined && apiKey !== undefined) return { organizationId, apiKey };
      if (organizationId !== undefined || apiKey !== undefined) {
        problems.push(
          `${organizationId === undefined ? API_KEY : ORGANIZATION_ID} is set but ${organizationId === undefined ? ORGANIZATION_ID : API_KEY} is missing: set both (Modern Treasury > Developers > API Keys, a sandbox key) or neither.`,
        );
      }
      return undefined;
    },
    missing:
      'Set MODERN_TREASURY_ORGANIZATION_ID and MODERN_TREASURY_API_KEY (a sandbox API key) and enable the Modern Treasury integration in the Plaid Dashboard.',
  },
  createClient(context, keys) {
    const { emulatorUrl } = context;
    const credentials = emulatorUrl === undefined ? keys : MODERN_TREASURY_CREDENTIALS;
    if (credentials === undefined) return undefined;
    return createModernTreasuryAdapter({
      plaid: context.plaid,
      modernTreasury: {
        environment: 'sandbox',
        ...recordedTransport(context, 'modern_treasury', '/modern-treasury'),
        organizationId: credentials.organizationId,
        apiKey: credentials.apiKey,
      },
      ...(context.retry === undefined ? {} : { retry: context.retry }),
      ...(context.store === undefined ? {} : { store: context.store }),
    });
  },
  flow: {
    steps: MODERN_TREASURY_FLOW_STEPS,
    run: (deps, input, listener) =>
      runModernTreasuryFlow(deps, input as Parameters<typeof runModernTreasuryFlow>[1], listener),
    view: (result) => ({
      summary:
        `${result.created ? 'Linked' : 'Already linked (created: false)'}: external account ` +
        `${result.externalAccount.id} ••${result.externalAccount.accountNumberLast4 ?? '----'} ` +
        `(${result.externalAccount.verificationStatus}). Payment order ${result.paymentOrder.id}: ${result.paymentOrder.status}.`,
      payment: { id: result.paymentOrder.id, status: result.paymentOrder.status },
    }),
  },
  async demo({ providers, items, input, listener, write, fail }) {
    const outcome = await runModernTreasuryFlow({ providers, items }, input, listener);
    if (!outcome.ok || outcome.result === null) return fail(outcome);
    const { externalAccount, paymentOrder } = outcome.result;
    write('\nSettlement\n');
    const settled = await runFlow(
      { runId: 'demo-mt-settle', flow: 'modern_treasury_settle', steps: MT_SETTLE_STEPS, listener },
      (runner) =>
        settleModernTreasuryDebit(runner, {
          modernTreasury: requireModernTreasury(providers),
          emulator: providers.emulator,
          paymentOrderId: paymentOrder.id,
        }),
    );
    if (!settled.ok || settled.result === null) return fail(settled);
    write(
      `\nDone: external account ${externalAccount.id} is ${externalAccount.verificationStatus}; ` +
        `payment order ${settled.result.id} is ${settled.result.status}.\n`,
    );
    return 0;
  },
};
