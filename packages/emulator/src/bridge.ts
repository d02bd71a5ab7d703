import type { MintedBankAccountToken, MintedProcessorToken, ProviderBridge } from './types.js';

/** The cross-provider bridge plus a way to empty it on reset. */
export interface ResettableBridge extends ProviderBridge {
  /** Forgets every minted token. */
  reset(): void;
}

/** Creates the in-memory bridge through which Plaid hands bank details to Stripe and Dwolla. */
export function createBridge(): ResettableBridge {
  const stripeBankAccountTokens = new Map<string, MintedBankAccountToken>();
  const dwollaProcessorTokens = new Map<string, MintedProcessorToken>();
  return {
    stripeBankAccountTokens,
    dwollaProcessorTokens,
    revokeItem(itemId: string) {
      for (const [token, minted] of stripeBankAccountTokens) {
        if (minted.details.itemId === itemId) stripeBankAccountTokens.delete(token);
      }
      for (const [token, minted] of dwollaProcessorTokens) {
        if (minted.details.itemId === itemId) dwollaProcessorTokens.delete(token);
      }
    },
    reset() {
      stripeBankAccountTokens.clear();
      dwollaProcessorTokens.clear();
    },
  };
}
