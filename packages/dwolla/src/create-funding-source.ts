import { isDuplicateFundingSourceError, resolveDuplicateFundingSource } from './duplicate-funding-source.js';
import type { DwollaClient } from './dwolla-client.js';
import type { DwollaFundingSourceResult } from './dwolla-models.js';
import { createPlaidExchange } from './exchanges.js';
import { idempotencyKeyOf } from './idempotency-key.js';

/** How the processor token reaches Dwolla. */
export type FundingSourceMethod = 'plaid-token' | 'exchange';

/** Validated input of `createFundingSourceFromProcessorToken`. */
export interface FundingSourceRequest {
  customerId: string;
  processorToken: string;
  name: string;
  bankAccountType?: 'checking' | 'savings' | undefined;
  /** Plaid's `persistent_account_id` when `name` carries its tag (tokenized-account-number banks), else null. */
  persistentAccountId?: string | null | undefined;
  idempotencyKey: string;
  method: FundingSourceMethod;
  signal?: AbortSignal | undefined;
}

async function postFundingSource(client: DwollaClient, request: FundingSourceRequest): Promise<string> {
  const path = `/customers/${request.customerId}/funding-sources`;
  const callOptions = {
    idempotencyKey: request.idempotencyKey,
    ...(request.signal ? { signal: request.signal } : {}),
  };
  if (request.method === 'exchange') {
    const exchangeUrl = await createPlaidExchange(client, {
      customerId: request.customerId,
      processorToken: request.processorToken,
      idempotencyKey: idempotencyKeyOf('dwolla.exchange', [request.idempotencyKey]),
      signal: request.signal,
    });
    const body = {
      _links: { exchange: { href: exchangeUrl } },
      bankAccountType: request.bankAccountType ?? 'checking',
      name: request.name,
    };
    return (await client.create(path, body, callOptions)).id;
  }
  const body: Record<string, unknown> = { plaidToken: request.processorToken, name: request.name };
  if (request.bankAccountType !== undefined) body['bankAccountType'] = request.bankAccountType;
  return (await client.create(path, body, callOptions)).id;
}

/**
 * The new funding source as the create call describes it: Dwolla answers `201 Created` with an empty body and
 * the new resource in `Location`, so the id comes from there and nothing is read back. Funding sources made
 * from a Plaid processor token are `verified` bank sources on the ACH channel (Dwolla's funding-source docs);
 * what only a read returns (`bankName`, `fingerprint`, `createdAt`) is null — `getFundingSource` has it.
 */
function createdFundingSource(
  client: DwollaClient,
  request: FundingSourceRequest,
  id: string,
): DwollaFundingSourceResult {
  return {
    id,
    url: client.resolveUrl(`/funding-sources/${id}`),
    status: 'verified',
    type: 'bank',
    name: request.name,
    bankName: null,
    bankAccountType:
      request.method === 'exchange'
        ? (request.bankAccountType ?? 'checking')
        : (request.bankAccountType ?? null),
    createdAt: null,
    removed: false,
    channels: ['ach'],
    fingerprint: null,
    customerUrl: client.resolveUrl(`/customers/${request.customerId}`),
    created: true,
  };
}

/**
 * Creates a customer funding source from a Plaid processor token (plaidToken or Secure Exchange), taking
 * its id from the create answer's `Location` (no read-back). A duplicate answer resolves to the existing
 * funding source of the same account with `created: false`, or fails with `DwollaAmbiguousDuplicateError`;
 * never to another account.
 */
export async function createFundingSourceFromProcessorToken(
  client: DwollaClient,
  request: FundingSourceRequest,
): Promise<DwollaFundingSourceResult> {
  let id: string;
  try {
    id = await postFundingSource(client, request);
  } catch (error) {
    if (!isDuplicateFundingSourceError(error)) throw error;
    const existing = await resolveDuplicateFundingSource(client, error, {
      customerId: request.customerId,
      identity: {
        name: request.name,
        bankAccountType: request.bankAccountType,
        persistentAccountId: request.persistentAccountId ?? null,
      },
      signal: request.signal,
    });
    return { ...existing, created: false };
  }
  return createdFundingSource(client, request, id);
}
