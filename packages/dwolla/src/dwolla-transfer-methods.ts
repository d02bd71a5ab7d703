import { lazySchema, parseInput } from '@achbridge/core/internal';
import { z } from 'zod';
import type { DwollaClient } from './dwolla-client.js';
import type { DwollaTransfer } from './dwolla-transfer-models.js';
import {
  type CreateTransferInput,
  createTransferInputSchema,
  transferCallOptionsSchema,
  transferReferenceSchema,
} from './dwolla-transfer-schemas.js';
import { cancelTransferById, fetchTransfer, initiateTransfer } from './dwolla-transfers.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { resolveResourceId } from './resource-reference.js';

/** Per-call options of the transfer methods. */
export interface DwollaTransferCallOptions {
  /** Aborts the call and any pending retry at once. */
  signal?: AbortSignal | undefined;
}

/** The Dwolla adapter's transfer methods. */
export interface DwollaTransferMethods {
  /**
   * Starts an ACH transfer from `source` (a customer's bank funding source) to `destination` (your
   * account's balance or a funding source of yours). `idempotencyKey` names the payment: re-sending it
   * (a retry, a re-run, another process) within Dwolla's 24 hours returns the same transfer, never a second debit.
   */
  createTransfer(input: CreateTransferInput, options?: DwollaTransferCallOptions): Promise<DwollaTransfer>;
  /** Reads a transfer by id or URL, with its ACH return code when it failed. */
  getTransfer(transfer: string, options?: DwollaTransferCallOptions): Promise<DwollaTransfer>;
  /** Cancels a pending transfer; repeating it is harmless, and a transfer already processed keeps Dwolla's error. */
  cancelTransfer(transfer: string, options?: DwollaTransferCallOptions): Promise<DwollaTransfer>;
}

const transferArgumentSchema = lazySchema(() => z.object({ transfer: transferReferenceSchema() }));

/** Builds the transfer methods over a Dwolla client. */
export function createDwollaTransferMethods(dwolla: DwollaClient): DwollaTransferMethods {
  const transferId = (operation: string, reference: unknown): string => {
    const ref = parseInput(operation, transferArgumentSchema(), { transfer: reference }).transfer;
    return resolveResourceId(dwolla, ref, 'transfers', { operation, field: 'transfer' });
  };
  const signalOf = (operation: string, options: unknown): AbortSignal | undefined =>
    parseInput(operation, transferCallOptionsSchema(), options)?.signal;

  return {
    async createTransfer(rawInput, options) {
      const input = parseInput('createTransfer', createTransferInputSchema(), rawInput);
      const signal = signalOf('createTransfer', options);
      const where = (field: string) => ({ operation: 'createTransfer', field });
      return initiateTransfer(dwolla, {
        sourceId: resolveResourceId(dwolla, input.source, 'funding-sources', where('source')),
        destinationId: resolveResourceId(dwolla, input.destination, 'funding-sources', where('destination')),
        amount: input.amount,
        idempotencyKey: input.idempotencyKey,
        correlationId: input.correlationId,
        metadata: input.metadata,
        signal,
      });
    },

    async getTransfer(reference, options) {
      const id = transferId('getTransfer', reference);
      return fetchTransfer(dwolla, id, signalOf('getTransfer', options));
    },

    async cancelTransfer(reference, options) {
      const id = transferId('cancelTransfer', reference);
      return cancelTransferById(dwolla, id, {
        idempotencyKey: idempotencyKeyOf('dwolla.transfer.cancel', [id.toLowerCase()]),
        signal: signalOf('cancelTransfer', options),
      });
    },
  };
}
