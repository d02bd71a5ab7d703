import { InputValidationError } from './errors.js';
import type { PublicTokenExchangeMemo } from './plaid/public-token-exchange-memo.js';

/** The Plaid token fields of an adapter's `link` input: exactly one of them is set (the input schema says so). */
export interface LinkTokenInput {
  publicToken?: string | undefined;
  accessToken?: string | undefined;
}

/** The Plaid token a `link` input carries, named by its field, for an environment-pairing check. */
export interface LinkToken {
  field: 'publicToken' | 'accessToken';
  value: string;
}

/** The access token a `link` runs with, and whether it came from exchanging the input's public token. */
export interface LinkAccessToken {
  accessToken: string;
  /** True when the public token was exchanged (the caller has not seen this access token yet). */
  exchanged: boolean;
}

/** The Plaid token of a `link` input as a list (empty when it has neither), for the environment guard's `tokens`. */
export function linkTokensOf(input: LinkTokenInput): LinkToken[] {
  if (input.publicToken !== undefined) return [{ field: 'publicToken', value: input.publicToken }];
  if (input.accessToken !== undefined) return [{ field: 'accessToken', value: input.accessToken }];
  return [];
}

/**
 * The access token of a `link`: the input's own, or its public token exchanged through `exchanges` (once per
 * memo, so a re-run with the same public token reuses the first exchange). Takes the typed, already
 * validated input: the schema guarantees one of the two fields.
 */
export async function resolveLinkAccessToken(
  exchanges: PublicTokenExchangeMemo,
  input: LinkTokenInput,
  signal: AbortSignal | undefined,
): Promise<LinkAccessToken> {
  if (input.publicToken === undefined) {
    if (input.accessToken === undefined) {
      throw new InputValidationError('link', [
        { path: 'publicToken', message: 'pass exactly one of publicToken or accessToken' },
      ]);
    }
    return { accessToken: input.accessToken, exchanged: false };
  }
  const { accessToken } = await exchanges.exchange(input.publicToken, signal);
  return { accessToken, exchanged: true };
}

/**
 * Puts the access token on a `link` result as a non-enumerable property: readable by name, never carried by
 * logging, spreading, `Object.keys` or `JSON.stringify` of the result.
 */
export function withHiddenAccessToken<T extends object>(result: T, accessToken: string): T {
  Object.defineProperty(result, 'accessToken', { value: accessToken, enumerable: false });
  return result;
}
