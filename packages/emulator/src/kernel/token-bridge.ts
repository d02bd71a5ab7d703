import type { BankAccountDetails } from '../types.js';

/** A token one provider minted for another (a Plaid processor token, a Stripe btok, …) with the bank details it stands for. */
export interface MintedToken {
  /** The token as the consuming provider receives it. */
  token: string;
  /** The bank account it stands for. */
  details: BankAccountDetails;
  /** When it was minted, ms since the epoch on the emulated clock. */
  createdAt: number;
}

/** A token kind a consuming provider module declares (the bridge itself knows no provider). */
export interface TokenKindDeclaration {
  /** The processor name (open string) tokens of this kind are minted under, e.g. `dwolla` or `modern_treasury`. */
  processor: string;
  /** Name of this kind's count in the `bridge` of `GET /__emulator/state` (and its field in state files of earlier releases). */
  stateKey?: string | undefined;
  /** True when minting providers should accept `processor` although their own list of names lacks it (a partner enabled by configuration). */
  enabled?: boolean | undefined;
}

/** What `claim` answers: the token the first time, `'claimed'` afterwards, undefined when unknown or revoked. */
export type ClaimResult = MintedToken | 'claimed' | undefined;

/** The cross-provider token bridge: one provider mints bank-account tokens under a processor name, another claims them. */
export interface TokenBridge {
  /** Declares a token kind a module consumes: its state count name and whether minting providers should accept its name. */
  declare(kind: TokenKindDeclaration): void;
  /** Processor names declared `enabled`, in declaration order. */
  enabledProcessors(): string[];
  /** Registers `token` for `processor` and returns what was stored. */
  mint(processor: string, token: string, details: BankAccountDetails, createdAt: number): MintedToken;
  /** Looks a token up without claiming it (for processors whose tokens may be exchanged more than once). */
  peek(processor: string, token: string): MintedToken | undefined;
  /** Claims a token for `processor` once. */
  claim(processor: string, token: string): ClaimResult;
  /** How many live tokens `processor` has. */
  count(processor: string): number;
  /** Counts of every declared kind with a `stateKey`, for `GET /__emulator/state`. */
  counts(): Record<string, number>;
  /** Drops every token minted from an Item (the Item was removed). */
  revokeItem(itemId: string): void;
  /** Forgets every token and claim (declarations stay). */
  reset(): void;
  /** The bridge's durable state for `--state-file`. */
  exportState(): Record<string, unknown>;
  /** Replaces the tokens with what `exportState` returned (or an earlier release's per-`stateKey` maps). */
  importState(saved: unknown): void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isMintedToken(value: unknown): value is MintedToken {
  return (
    isRecord(value) &&
    typeof value['token'] === 'string' &&
    isRecord(value['details']) &&
    typeof value['createdAt'] === 'number'
  );
}

/** Creates an empty token bridge; provider modules declare their kinds on it when they are created. */
export function createTokenBridge(): TokenBridge {
  const kinds = new Map<string, TokenKindDeclaration>();
  const byProcessor = new Map<string, Map<string, MintedToken>>();
  const claimed = new Set<string>();
  const tokensOf = (processor: string): Map<string, MintedToken> => {
    let tokens = byProcessor.get(processor);
    if (tokens === undefined) {
      tokens = new Map();
      byProcessor.set(processor, tokens);
    }
    return tokens;
  };
  const restore = (processor: string, saved: unknown): void => {
    if (!(saved instanceof Map)) return;
    const tokens = tokensOf(processor);
    for (const [token, minted] of saved) {
      if (typeof token === 'string' && isMintedToken(minted)) {
        tokens.set(token, { token: minted.token, details: minted.details, createdAt: minted.createdAt });
      }
    }
  };
  const bridge: TokenBridge = {
    declare(kind) {
      kinds.set(kind.processor, { ...kinds.get(kind.processor), ...kind });
    },
    enabledProcessors() {
      return [...kinds.values()].filter((kind) => kind.enabled === true).map((kind) => kind.processor);
    },
    mint(processor, token, details, createdAt) {
      const minted: MintedToken = { token, details, createdAt };
      tokensOf(processor).set(token, minted);
      return minted;
    },
    peek(processor, token) {
      return byProcessor.get(processor)?.get(token);
    },
    claim(processor, token) {
      const minted = byProcessor.get(processor)?.get(token);
      if (minted === undefined) return undefined;
      if (claimed.has(token)) return 'claimed';
      claimed.add(token);
      return minted;
    },
    count(processor) {
      return byProcessor.get(processor)?.size ?? 0;
    },
    counts() {
      const counts: Record<string, number> = {};
      for (const kind of kinds.values()) {
        if (kind.stateKey !== undefined) counts[kind.stateKey] = bridge.count(kind.processor);
      }
      return counts;
    },
    revokeItem(itemId) {
      for (const tokens of byProcessor.values()) {
        for (const [token, minted] of tokens) {
          if (minted.details.itemId === itemId) tokens.delete(token);
        }
      }
    },
    reset() {
      byProcessor.clear();
      claimed.clear();
    },
    exportState() {
      return { tokens: byProcessor, claimed };
    },
    importState(saved) {
      bridge.reset();
      if (!isRecord(saved)) return;
      const tokens = saved['tokens'];
      if (tokens instanceof Map) {
        for (const [processor, minted] of tokens)
          if (typeof processor === 'string') restore(processor, minted);
      } else {
        for (const kind of kinds.values()) {
          if (kind.stateKey !== undefined) restore(kind.processor, saved[kind.stateKey]);
        }
      }
      const claims = saved['claimed'];
      if (claims instanceof Set)
        for (const token of claims) if (typeof token === 'string') claimed.add(token);
    },
  };
  return bridge;
}
