import { type KnownProcessorName, registerSecret } from '@achbridge/core';
import { lazySchema } from '@achbridge/core/internal';
import { z } from 'zod';
import type { ModernTreasuryPlaidClient } from './mt-plaid-client.js';

const processorTokenResponseSchema = lazySchema(() =>
  z.looseObject({
    processor_token: z.string().regex(/^processor-[a-z]+-\S+$/, 'expected a processor-<env>-<id> token'),
    request_id: z.string().min(1),
  }),
);

/** The processor name Plaid uses for Modern Treasury on `/processor/token/create`. */
export const MODERN_TREASURY_PLAID_PROCESSOR = 'modern_treasury' satisfies KnownProcessorName;

/** Asks Plaid for a Modern Treasury processor token (`/processor/token/create`, `processor: 'modern_treasury'`). */
export async function requestModernTreasuryProcessorToken(
  plaid: ModernTreasuryPlaidClient,
  input: { accessToken: string; accountId: string; signal?: AbortSignal | undefined },
): Promise<{ processorToken: string; requestId: string }> {
  const response = await plaid.request(
    '/processor/token/create',
    {
      access_token: input.accessToken,
      account_id: input.accountId,
      processor: MODERN_TREASURY_PLAID_PROCESSOR,
    },
    processorTokenResponseSchema(),
    input.signal ? { signal: input.signal } : {},
  );
  registerSecret(response.processor_token);
  return { processorToken: response.processor_token, requestId: response.request_id };
}
