import { registerSecret } from '@achbridge/core';
import {
  createDwollaAdapter,
  createDwollaClient,
  dwollaRequirements,
  dwollaTransferOutcome,
} from '@achbridge/dwolla';
import { DEFAULT_CREDENTIALS } from '@achbridge/emulator';
import { z } from 'zod';
import { SampleError } from '../../errors/sample-error.js';
import { describeOutcomeView } from '../../outcomes/describe-outcome-view.js';
import { recordedTransport } from '../recorded-transport.js';
import type { SampleProcessor } from '../sample-processor.js';
import { createDwollaBalanceFinder } from './dwolla-balance.js';
import {
  DWOLLA_FLOW_STEPS,
  type DwollaFlowResult,
  type DwollaSampleClient,
  requireDwolla,
  runDwollaFlow,
} from './dwolla-flow.js';

/** Dwolla Sandbox keys (never logged or sent to the browser). */
export interface DwollaKeys {
  key: string;
  secret: string;
}

const transferId = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'must be a Dwolla transfer id',
  )
  .transform((id) => id.toLowerCase());

/** Dwolla (Sandbox): customer → processor token → verified funding source → $1.00 transfer. */
export const dwollaProcessor: SampleProcessor<DwollaSampleClient, DwollaKeys, DwollaFlowResult> = {
  key: 'dwolla',
  slug: 'dwolla',
  label: 'Dwolla',
  environment: 'Sandbox',
  hint: 'Customer → processor token → verified funding source → $1.00 transfer.',
  requirements: dwollaRequirements,
  keys: {
    variables: ['DWOLLA_KEY', 'DWOLLA_SECRET'],
    read(variable, problems) {
      const key = variable('DWOLLA_KEY');
      const secret = variable('DWOLLA_SECRET');
      registerSecret(key);
      registerSecret(secret);
      if (key !== undefined && secret !== undefined) return { key, secret };
      if (key !== undefined || secret !== undefined) {
        problems.push(
          `${key === undefined ? 'DWOLLA_SECRET' : 'DWOLLA_KEY'} is set but ${key === undefined ? 'DWOLLA_KEY' : 'DWOLLA_SECRET'} is missing: set both (Dwolla Sandbox dashboard > Applications) or neither.`,
        );
      }
      return undefined;
    },
    missing:
      'Set DWOLLA_KEY and DWOLLA_SECRET (Dwolla Sandbox application) and enable the Dwolla integration in the Plaid Dashboard.',
  },
  createClient(context, keys) {
    const { emulatorUrl } = context;
    const credentials = emulatorUrl === undefined ? keys : DEFAULT_CREDENTIALS.dwolla;
    if (credentials === undefined) return undefined;
    const dwolla = createDwollaClient({
      environment: 'sandbox',
      ...recordedTransport(context, 'dwolla', '/dwolla'),
      key: credentials.key,
      secret: credentials.secret,
      ...(context.retry === undefined ? {} : { retry: context.retry }),
    });
    return {
      adapter: createDwollaAdapter({
        plaid: context.plaid,
        dwolla,
        ...(context.store === undefined ? {} : { store: context.store }),
      }),
      findBalance: createDwollaBalanceFinder(dwolla),
    };
  },
  flow: {
    steps: DWOLLA_FLOW_STEPS,
    run: (deps, input, listener) =>
      runDwollaFlow(deps, input as Parameters<typeof runDwollaFlow>[1], listener),
    view: (result) => ({
      summary:
        `${result.created ? 'Linked' : 'Already linked (created: false)'}: funding source ` +
        `${result.fundingSource.id} "${result.fundingSource.name}" (${result.fundingSource.status}).` +
        (result.transfer
          ? ` Transfer ${result.transfer.id}: $${result.transfer.amount.value} ${result.transfer.status}.`
          : ''),
      payment: result.transfer === null ? null : { id: result.transfer.id, status: result.transfer.status },
    }),
  },
  async demo({ providers, items, input, listener, write, outcomes, fail }) {
    const outcome = await runDwollaFlow({ providers, items }, input, listener);
    if (!outcome.ok || outcome.result === null) return fail(outcome);
    write(
      `\nDone: funding source ${outcome.result.fundingSource.url} is ${outcome.result.fundingSource.status}.\n`,
    );
    const transfer = outcome.result.transfer;
    if (transfer !== null) {
      let view = await outcomes.observe('dwolla', transfer.id);
      if (providers.emulator !== undefined) view = await outcomes.settle('dwolla', transfer.id);
      write(`${describeOutcomeView(view)}\n`);
    }
    return 0;
  },
  outcomes: {
    paymentId: transferId,
    async read(providers, id) {
      const transfer = await requireDwolla(providers).getTransfer(id);
      const update = dwollaTransferOutcome(transfer);
      if (update === undefined) {
        throw new SampleError(
          409,
          'UNKNOWN_TRANSFER_STATUS',
          `Transfer ${transfer.id} is '${transfer.status}'.`,
        );
      }
      return update;
    },
    returnPayment: (control, id, code) => control.returnPayment({ provider: 'dwolla', paymentId: id, code }),
    settleControl: true,
    returnableStatuses: ['pending', 'succeeded'],
  },
};
