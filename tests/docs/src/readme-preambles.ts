/**
 * Declarations of the free variables each root README.md block uses, keyed by the block's
 * `<!-- readme-block: NAME -->` marker. Every block needs an entry (empty when it uses none), and every entry a
 * block, so adding, renaming or removing a README block means touching this list on purpose.
 */
export const ROOT_README_PREAMBLES: Readonly<Record<string, string>> = {
  // From Plaid Link's onSuccess, and from the customer's HTTP request that accepted the mandate.
  stripe: [
    'declare const publicToken: string;',
    'declare const accountId: string;',
    'declare const ipAddress: string;',
    'declare const userAgent: string;',
    'declare const orderId: string;',
  ].join('\n'),
  // From Plaid Link's onSuccess.
  dwolla: ['declare const publicToken: string;', 'declare const accountId: string;'].join('\n'),
  'webhook-handler': '',
};

/** The same for packages/core/README.md. */
export const CORE_README_PREAMBLES: Readonly<Record<string, string>> = {
  'core-quickstart': '',
  'core-errors': [
    "declare const plaid: import('@achbridge/core').PlaidClient;",
    'declare const accessToken: string;',
  ].join('\n'),
  'core-item-health': [
    "declare const plaid: import('@achbridge/core').PlaidClient;",
    'declare const accessToken: string;',
    'declare const clientUserId: string;',
  ].join('\n'),
  'core-test-signer': '',
  'core-payment-outcomes': '',
  // The test-harness pieces an adapter package has (see packages/stripe/src/stripe-contract.e2e.test.ts).
  'core-contract': [
    'declare const emulator: { control: { reset(): Promise<void> } };',
    'declare function sandboxAccount(): Promise<{ publicToken: string; accountId: string }>;',
    "declare const plaid: import('@achbridge/core').PlaidClient;",
    "declare const stripeSettings: import('@achbridge/stripe').StripeClientSettings;",
    'declare function countStripeBankAccounts(): Promise<number>;',
  ].join('\n'),
};
