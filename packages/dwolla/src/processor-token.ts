import type { KnownProcessorName } from '@achbridge/core';
import { type MintedProcessorToken, requestProcessorToken } from '@achbridge/core/internal';
import type { DwollaPlaidClient } from './dwolla-plaid-client.js';

/** The processor name Plaid uses for Dwolla on `/processor/token/create`. */
const DWOLLA_PLAID_PROCESSOR = 'dwolla' satisfies KnownProcessorName;

/** Asks Plaid for a Dwolla processor token (`/processor/token/create` with `processor: 'dwolla'`). */
export function requestDwollaProcessorToken(
  plaid: DwollaPlaidClient,
  input: { accessToken: string; accountId: string; signal?: AbortSignal | undefined },
): Promise<MintedProcessorToken> {
  return requestProcessorToken(plaid, DWOLLA_PLAID_PROCESSOR, input);
}
