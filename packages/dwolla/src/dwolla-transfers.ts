import type { DwollaClient } from './dwolla-client.js';
import { DwollaApiError } from './dwolla-errors.js';
import { type DwollaTransfer, type DwollaTransferFailure, toTransfer } from './dwolla-transfer-models.js';
import { transferFailureSchema, transferSchema } from './dwolla-transfer-schemas.js';

/** Validated input of `initiateTransfer`. */
export interface TransferRequest {
  sourceId: string;
  destinationId: string;
  amount: string;
  idempotencyKey: string;
  correlationId?: string | undefined;
  metadata?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
}

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

/** Reads a transfer and, when it failed, its ACH return from the `failure` link. */
export async function fetchTransfer(
  client: DwollaClient,
  id: string,
  signal?: AbortSignal,
): Promise<DwollaTransfer> {
  const url = client.resolveUrl(`/transfers/${id}`);
  const response = await client.get(url, transferSchema(), withSignal(signal));
  let failure: DwollaTransferFailure | null = null;
  const failureHref = response.data._links?.['failure']?.href;
  if (response.data.status === 'failed' && failureHref !== undefined) {
    const answer = await client.get(failureHref, transferFailureSchema(), withSignal(signal));
    failure = {
      code: answer.data.code,
      description: answer.data.description ?? null,
      explanation: answer.data.explanation ?? null,
    };
  }
  return toTransfer(response.data, url, failure);
}

/**
 * `POST /transfers` with the caller's Idempotency-Key (so a retry, a re-run or another process never
 * debits twice within Dwolla's 24-hour key window), then reads the transfer back.
 */
export async function initiateTransfer(
  client: DwollaClient,
  request: TransferRequest,
): Promise<DwollaTransfer> {
  const body: Record<string, unknown> = {
    _links: {
      source: { href: client.resolveUrl(`/funding-sources/${request.sourceId}`) },
      destination: { href: client.resolveUrl(`/funding-sources/${request.destinationId}`) },
    },
    amount: { currency: 'USD', value: Number(request.amount).toFixed(2) },
  };
  if (request.correlationId !== undefined) body['correlationId'] = request.correlationId;
  if (request.metadata !== undefined) body['metadata'] = request.metadata;
  const created = await client.create('/transfers', body, {
    idempotencyKey: request.idempotencyKey,
    ...withSignal(request.signal),
  });
  // A replayed key answers 201 with the original transfer's Location, so a retry reads the same transfer.
  return fetchTransfer(client, created.id, request.signal);
}

/**
 * Cancels a pending transfer (`POST /transfers/{id}` with `{status: "cancelled"}`). Cancelling one that
 * is already cancelled returns it; one that is no longer pending keeps Dwolla's error.
 */
export async function cancelTransferById(
  client: DwollaClient,
  id: string,
  options: { idempotencyKey: string; signal?: AbortSignal | undefined },
): Promise<DwollaTransfer> {
  const url = client.resolveUrl(`/transfers/${id}`);
  try {
    await client.post(url, { status: 'cancelled' }, transferSchema(), options);
  } catch (error) {
    if (!DwollaApiError.isInstance(error) || error.status === undefined || error.status >= 500) throw error;
    if (error.hasCode('NotFound')) throw error;
    const current = await fetchTransfer(client, id, options.signal);
    if (current.status === 'cancelled') return current;
    throw error;
  }
  return fetchTransfer(client, id, options.signal);
}
