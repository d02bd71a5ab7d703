import type { MintedBankAccountToken, MintedProcessorToken, ProviderBridge } from './types.js';

/** The cross-provider bridge plus a way to empty it on reset. */
export interface ResettableBridge extends ProviderBridge {
  /** Forgets every minted token. */
  reset(): void;
}

/** Creates the in-memory bridge through which Plaid hands bank details to the processors. */
export function createBridge(
  options: { stripePlaidProcessor?: string | null | undefined } = {},
): ResettableBridge {
  const stripeBankAccountTokens = new Map<string, MintedBankAccountToken>();
  const byProcessor = new Map<string, Map<string, MintedProcessorToken>>();
  const claimed = new Set<string>();
  const processorTokens = (processor: string): Map<string, MintedProcessorToken> => {
    let tokens = byProcessor.get(processor);
    if (tokens === undefined) {
      tokens = new Map();
      byProcessor.set(processor, tokens);
    }
    return tokens;
  };
  const dwollaProcessorTokens = processorTokens('dwolla');
  return {
    stripeBankAccountTokens,
    dwollaProcessorTokens,
    processorTokens,
    stripePlaidProcessor: options.stripePlaidProcessor ?? null,
    claimProcessorToken(processor, token) {
      const minted = byProcessor.get(processor)?.get(token);
      if (minted === undefined) return undefined;
      if (claimed.has(token)) return 'claimed';
      claimed.add(token);
      return minted;
    },
    revokeItem(itemId: string) {
      for (const [token, minted] of stripeBankAccountTokens) {
        if (minted.details.itemId === itemId) stripeBankAccountTokens.delete(token);
      }
      for (const tokens of byProcessor.values()) {
        for (const [token, minted] of tokens) {
          if (minted.details.itemId === itemId) tokens.delete(token);
        }
      }
    },
    reset() {
      stripeBankAccountTokens.clear();
      for (const tokens of byProcessor.values()) tokens.clear();
      claimed.clear();
    },
  };
}
