import {
  type PaymentOutcomeStatus,
  type PaymentOutcomeUpdate,
  type PaymentStatusReader,
  ResponseValidationError,
} from '@achbridge/core';
import { lazySchema, parseInput } from '@achbridge/core/internal';
import { z } from 'zod';
import type { DwollaTransfer } from './dwolla-transfer-models.js';
import type { DwollaWebhookEvent } from './dwolla-webhook-events.js';

/** How Dwolla's transfer statuses map to achbridge's outcome model (`pending` is still cancellable). */
export const DWOLLA_TRANSFER_OUTCOME_STATUS: Readonly<Record<string, PaymentOutcomeStatus>> = {
  pending: 'pending',
  processed: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

const TOPIC = /^(customer_bank_|customer_|)transfer_(created|completed|failed|cancelled)$/;

const STEP_STATUS: Readonly<Record<string, PaymentOutcomeStatus>> = {
  created: 'pending',
  completed: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** Reads a transfer; the Dwolla adapter's `getTransfer`. */
export type DwollaTransferReader = (
  transfer: string,
  options?: { signal?: AbortSignal | undefined },
) => Promise<DwollaTransfer>;

/**
 * The outcome update a transfer's current state gives (`processed` → `succeeded`, `failed` with the ACH
 * return code from the transfer's `failure`), or undefined for a status outside Dwolla's four.
 */
export function dwollaTransferOutcome(
  transfer: DwollaTransfer,
  source: 'api' | 'poll' = 'api',
  occurredAt: string = new Date().toISOString(),
): PaymentOutcomeUpdate | undefined {
  const status = DWOLLA_TRANSFER_OUTCOME_STATUS[transfer.status];
  if (status === undefined) return undefined;
  return {
    provider: 'dwolla',
    // Dwolla ids are case-insensitive UUIDs (events may spell them in upper case): lower case everywhere.
    paymentId: transfer.id.toLowerCase(),
    status,
    providerStatus: transfer.status,
    occurredAt,
    ...(transfer.failure ? { returnCode: transfer.failure.code } : {}),
    source,
  };
}

const eventSchema = lazySchema(() =>
  z.looseObject({
    id: z.string().min(1),
    topic: z.string().min(1),
    resourceId: z.string().min(1),
    createdAt: z.string().nullable(),
  }),
);
/** The `readTransfer` option of the outcome helpers: the adapter's `getTransfer`. */
export const readerSchema = lazySchema(() =>
  z.custom<DwollaTransferReader>((value) => typeof value === 'function', {
    error: 'must be the adapter’s getTransfer',
  }),
);

/**
 * Turns a verified Dwolla webhook event into an outcome update: `customer_transfer_*` and `transfer_*`
 * topics map created → pending, completed → succeeded, failed → failed (the ACH return code is read from
 * the transfer's `failure` with `readTransfer`), cancelled → cancelled. `customer_bank_transfer_*` topics
 * are about the bank leg of a verified customer's transfer: the leg is read, and the update is about the
 * transfer it funds (its `funded-transfer` link; the leg itself when it has none), with the leg's completion
 * meaning `processing` (the money reached the customer's balance; the funded transfer completes on its own)
 * and its failure carrying the ACH return. Other topics give undefined. Feed the result to a payment outcome
 * tracker (or `@achbridge/store`'s outcome router): duplicates and out-of-order events are ignored there.
 */
export async function dwollaTransferOutcomeFromEvent(
  event: DwollaWebhookEvent,
  readTransfer: DwollaTransferReader,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<PaymentOutcomeUpdate | undefined> {
  const valid = parseInput(
    'dwollaTransferOutcomeFromEvent',
    z.object({ event: eventSchema(), readTransfer: readerSchema() }),
    {
      event,
      readTransfer,
    },
  ).event;
  const match = TOPIC.exec(valid.topic);
  if (match === null) return undefined;
  const bankLeg = match[1] === 'customer_bank_';
  const step = match[2] as string;
  let status = STEP_STATUS[step] as PaymentOutcomeStatus;
  let paymentId = valid.resourceId.toLowerCase();
  let transfer: DwollaTransfer | undefined;
  if (bankLeg || status === 'failed') transfer = await readTransfer(valid.resourceId, options);
  if (bankLeg && transfer?.fundedTransferUrl) {
    const funded = /\/transfers\/([^/?#]+)$/.exec(transfer.fundedTransferUrl)?.[1];
    if (funded !== undefined) {
      paymentId = funded.toLowerCase();
      if (status === 'succeeded') status = 'processing';
    }
  }
  const update: PaymentOutcomeUpdate = {
    provider: 'dwolla',
    paymentId,
    status,
    providerStatus: valid.topic,
    occurredAt: valid.createdAt ?? new Date().toISOString(),
    eventId: valid.id,
    source: 'webhook',
  };
  if (status === 'failed' && transfer?.failure) update.returnCode = transfer.failure.code;
  return update;
}

/** A status reader for `createPaymentOutcomePoller` that reads Dwolla transfers with `readTransfer`. */
export function createDwollaTransferStatusReader(readTransfer: DwollaTransferReader): PaymentStatusReader {
  parseInput('createDwollaTransferStatusReader', z.object({ readTransfer: readerSchema() }), {
    readTransfer,
  });
  return async (key, signal) => {
    const transfer = await readTransfer(key.paymentId, { signal });
    const found = dwollaTransferOutcome(transfer, 'poll');
    // Answer under the caller's spelling of the id, so the poller's same-payment check holds.
    const update =
      found && found.paymentId === key.paymentId.toLowerCase()
        ? { ...found, paymentId: key.paymentId }
        : found;
    if (update === undefined) {
      throw new ResponseValidationError({
        provider: 'dwolla',
        endpoint: 'GET /transfers/{id}',
        issues: [
          {
            path: 'status',
            message: `is '${transfer.status}', not a Dwolla transfer status achbridge knows`,
          },
        ],
      });
    }
    return update;
  };
}
