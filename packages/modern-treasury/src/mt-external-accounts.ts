import type { MtClient } from './mt-client.js';
import { ModernTreasuryApiError } from './mt-errors.js';
import { type ModernTreasuryExternalAccountResult, toExternalAccount } from './mt-models.js';
import { externalAccountListSchema, externalAccountSchema } from './mt-schemas.js';

/** Finds the counterparty's live external account with this `external_id` (`GET /api/external_accounts`). */
export async function findExternalAccount(
  client: MtClient,
  input: { counterpartyId: string; externalId: string; signal?: AbortSignal | undefined },
): Promise<ModernTreasuryExternalAccountResult | undefined> {
  const { data } = await client.get('/api/external_accounts', externalAccountListSchema(), {
    query: { counterparty_id: input.counterpartyId, external_id: input.externalId },
    signal: input.signal,
  });
  const found = data.find(
    (account) =>
      account.external_id === input.externalId &&
      account.counterparty_id === input.counterpartyId &&
      (account.discarded_at ?? null) === null,
  );
  return found === undefined ? undefined : { ...toExternalAccount(found), created: false };
}

/** What `createExternalAccountFromToken` sends. */
export interface CreateExternalAccountRequest {
  counterpartyId: string;
  processorToken: string;
  externalId: string;
  idempotencyKey: string;
  name?: string | undefined;
  accountType: 'checking' | 'savings';
  metadata: Record<string, string>;
  signal?: AbortSignal | undefined;
}

/**
 * Creates an external account from a Plaid processor token (`POST /api/external_accounts` with
 * `plaid_processor_token`; Modern Treasury pulls the bank details from Plaid and marks it verified). When
 * Modern Treasury answers that the `external_id` is taken or the token already used (another caller made
 * it first) and the account is found by its `external_id`, it is returned with `created: false`.
 */
export async function createExternalAccountFromToken(
  client: MtClient,
  request: CreateExternalAccountRequest,
): Promise<ModernTreasuryExternalAccountResult> {
  try {
    const { data } = await client.post(
      '/api/external_accounts',
      {
        counterparty_id: request.counterpartyId,
        plaid_processor_token: request.processorToken,
        external_id: request.externalId,
        account_type: request.accountType,
        metadata: request.metadata,
        ...(request.name === undefined ? {} : { name: request.name }),
      },
      externalAccountSchema(),
      { idempotencyKey: request.idempotencyKey, signal: request.signal },
    );
    return { ...toExternalAccount(data), created: true };
  } catch (error) {
    // The external_id is taken (another caller created the account first), or the token was already used
    // by such a create: when the account is found by its external_id, return it.
    if (
      ModernTreasuryApiError.isInstance(error) &&
      error.status === 422 &&
      (error.parameter === 'external_id' || error.parameter === 'plaid_processor_token')
    ) {
      const existing = await findExternalAccount(client, {
        counterpartyId: request.counterpartyId,
        externalId: request.externalId,
        signal: request.signal,
      });
      if (existing) return existing;
    }
    throw error;
  }
}
