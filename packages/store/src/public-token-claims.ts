import { createHash } from 'node:crypto';
import { parseInput } from '@achbridge/core';
import { z } from 'zod';
import { runClaimed } from './claim.js';
import { runOperation, type StoreContext } from './store-context.js';
import type { ExchangedToken, WaitOptions } from './store-types.js';

const claimSchema = z.object({
  publicToken: z.string().trim().min(1, 'must be a non-empty public token').max(2000),
  exchange: z.custom<() => Promise<ExchangedToken>>(
    (value) => typeof value === 'function',
    'must be a function',
  ),
  options: z.object({ signal: z.instanceof(AbortSignal).optional() }).optional(),
});
const resultSchema = z.object({
  accessToken: z.string().min(1, 'must be a non-empty access token'),
  itemId: z.string().min(1, 'must be a non-empty item id'),
});

interface ClaimRow extends Record<string, unknown> {
  token_hash: string;
  item_id: string;
  token_key_id: string;
  token_ciphertext: string;
}

/** Cross-process single-flight public token exchanges. */
export interface PublicTokenOperations {
  claimPublicTokenExchange(
    publicToken: string,
    exchange: () => Promise<ExchangedToken>,
    options?: WaitOptions,
  ): Promise<ExchangedToken>;
}

/** Claims the exchange of a valid public token: `exchange` runs once across every process sharing the store. */
function claimExchange(
  context: StoreContext,
  publicToken: string,
  exchange: () => Promise<ExchangedToken>,
  signal: AbortSignal | undefined,
): Promise<ExchangedToken> {
  const table = context.table('public_token_claims');
  return runOperation('claimPublicTokenExchange', async () => {
    const tokenHash = createHash('sha256').update(publicToken).digest('hex');
    const aad = `public_token:${tokenHash}`;
    const cipher = context.cipher();
    const outcome = await runClaimed<ClaimRow, ExchangedToken, ExchangedToken>(
      await context.client(),
      { table, keyColumns: ['token_hash'], scope: 'public_token' },
      [tokenHash],
      context.timing,
      {
        signal,
        work: async () => {
          const result = parseInput(
            'claimPublicTokenExchange.exchange result',
            resultSchema,
            await exchange(),
          );
          return { accessToken: result.accessToken, itemId: result.itemId };
        },
        complete: async (tx, result) => {
          const sealed = await cipher.seal(result.accessToken, aad);
          const [row] = await tx.query<ClaimRow>(
            `UPDATE ${table} SET state = 'done', item_id = $2, token_key_id = $3, token_ciphertext = $4,
               owner = NULL, lease_until = NULL, completed_at = clock_timestamp()
             WHERE token_hash = $1 AND state = 'pending' RETURNING *`,
            [tokenHash, result.itemId, sealed.keyId, sealed.ciphertext],
          );
          return row;
        },
        read: async (row) => ({
          itemId: row.item_id,
          accessToken: await cipher.open({ keyId: row.token_key_id, ciphertext: row.token_ciphertext }, aad),
        }),
      },
    );
    return outcome.value;
  });
}

/**
 * The typed twin of `claimPublicTokenExchange`, for adapters whose public token is already validated (Plaid's
 * `public-<environment>-<id>` shape): the same claim without parsing its arguments again.
 */
export function createTypedPublicTokenClaim(context: StoreContext): PublicTokenOperations {
  return {
    claimPublicTokenExchange: (publicToken, exchange, options) =>
      claimExchange(context, publicToken, exchange, options?.signal),
  };
}

/** Creates the public-token claim over a store context: the table keeps a hash of the token, never the token. */
export function createPublicTokenOperations(context: StoreContext): PublicTokenOperations {
  return {
    claimPublicTokenExchange: async (publicToken, exchange, options) => {
      const parsed = await runOperation('claimPublicTokenExchange', async () =>
        parseInput('claimPublicTokenExchange', claimSchema, { publicToken, exchange, options }),
      );
      return claimExchange(context, parsed.publicToken, parsed.exchange, parsed.options?.signal);
    },
  };
}
