/** The page's state: what Link returned, which Item is linked, the last payment. */
export const state = {
  /** From GET /api/info. */
  info: null,
  /** Link's onSuccess before the first exchange: { publicToken, institution, accounts }. */
  link: null,
  /** The account chosen in Link. */
  accountId: null,
  /** Set once a flow exchanged the public token (or the user chose an existing Item). */
  itemId: null,
  /** Exchange even though the duplicate check matched (the user chose "Link anyway"). */
  allowDuplicate: false,
  /** The duplicate warning waits for "Use the existing Item" or "Link anyway" (flows cannot run). */
  pendingDuplicate: false,
  /** Description of the linked account for status lines. */
  accountLabel: '',
  /** The last Stripe test payment. */
  paymentIntentId: null,
};

const listeners = new Set();

/** Calls `listener()` after every `update`. */
export function onStateChange(listener) {
  listeners.add(listener);
}

/** Merges `changes` into the state and notifies listeners. */
export function update(changes) {
  Object.assign(state, changes);
  for (const listener of listeners) listener();
}

/** Where a flow gets its Item: the fresh public token (first run) or the exchanged Item (re-runs). */
export function linkSource() {
  if (state.itemId) return { itemId: state.itemId };
  if (state.link) {
    return {
      publicToken: state.link.publicToken,
      institution: state.link.institution,
      accounts: state.link.accounts,
      allowDuplicate: state.allowDuplicate,
    };
  }
  return null;
}
