import type { KnownProcessorName } from '@achbridge/core';
import { type MintedProcessorToken, requestProcessorToken } from '@achbridge/core/internal';
import type { ModernTreasuryPlaidClient } from './mt-plaid-client.js';

/** The processor name Plaid uses for Modern Treasury on `/processor/token/create`. */
export const MODERN_TREASURY_PLAID_PROCESSOR = 'modern_treasury' satisfies KnownProcessorName;

/** Asks Plaid for a Modern Treasury processor token (`/processor/token/create`, `processor: 'modern_treasury'`). */
export function requestModernTreasuryProcessorToken(
  plaid: ModernTreasuryPlaidClient,
  input: { accessToken: string; accountId: string; signal?: AbortSignal | undefined },
): Promise<MintedProcessorToken> {
  return requestProcessorToken(plaid, MODERN_TREASURY_PLAID_PROCESSOR, input);
}
