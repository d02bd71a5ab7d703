import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { registerSecret } from '../redact.js';
import type { PlaidClient } from './plaid-client-types.js';

const processorTokenResponseSchema = lazySchema(() =>
  z.looseObject({
    processor_token: z.string().regex(/^processor-[a-z]+-\S+$/, 'expected a processor-<env>-<id> token'),
    request_id: z.string().min(1),
  }),
);

/** A processor token Plaid minted, with the request id of the call for support tickets. */
export interface MintedProcessorToken {
  processorToken: string;
  requestId: string;
}

/**
 * Asks Plaid for a processor token (`/processor/token/create`) for `processor`, Plaid's name of the
 * processor (`dwolla`, `modern_treasury`, ...); the token is registered for redaction before it is returned.
 */
export async function requestProcessorToken(
  plaid: Pick<PlaidClient, 'request'>,
  processor: string,
  input: { accessToken: string; accountId: string; signal?: AbortSignal | undefined },
): Promise<MintedProcessorToken> {
  const response = await plaid.request(
    '/processor/token/create',
    { access_token: input.accessToken, account_id: input.accountId, processor },
    processorTokenResponseSchema(),
    input.signal ? { signal: input.signal } : {},
  );
  registerSecret(response.processor_token);
  return { processorToken: response.processor_token, requestId: response.request_id };
}
