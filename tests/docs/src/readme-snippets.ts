/**
 * How tests/docs runs each TypeScript block of the published READMEs against `achbridge-emulator`, keyed by
 * README and by the block's `<!-- readme-block: NAME -->` marker. Every block needs an entry and every entry
 * a block, so a new README block is classified on purpose.
 *
 * - `program`: a self-contained ES module, run as pasted with `node`, with only the emulator's environment
 *   variables set (PLAID_BASE_URL, STRIPE_BASE_URL, DWOLLA_BASE_URL and the credentials). `stdout` must match.
 * - `call`: a module exporting a function; a child process imports it as pasted and calls the export with
 *   `args` (plain JSON, empty settings so the clients read the environment), with the same environment;
 *   the JSON of what it returns must contain `result`.
 * - `module`: a module of functions that take live objects (a PlaidClient), which JSON cannot carry: a child
 *   process imports it as pasted and checks its `exports`; `runBy` names the test that calls them.
 * - `compile-only`: a fragment whose free variables come from the reader's own code (a webhook route's raw
 *   body, a test harness); it is type-checked with `declarations` appended, and `reason` says what runs it.
 */
export type SnippetRun =
  | { kind: 'program'; stdout: RegExp }
  | { kind: 'call'; exportName: string; args: readonly unknown[]; result: Record<string, unknown> }
  | { kind: 'module'; exports: readonly string[]; runBy: string }
  | { kind: 'compile-only'; declarations: string; reason: string };

/** One README and how each of its blocks runs. */
export interface ReadmeSnippets {
  /** Path from the repository root. */
  file: string;
  blocks: Readonly<Record<string, SnippetRun>>;
}

const program = (stdout: RegExp): SnippetRun => ({ kind: 'program', stdout });

/** The READMEs whose snippets are run: the root README and each adapter-facing package README. */
export const README_SNIPPETS: readonly ReadmeSnippets[] = [
  {
    file: 'README.md',
    blocks: {
      stripe: program(/^processing$/m),
      dwolla: program(/^verified true$/m),
      'webhook-handler': {
        kind: 'module',
        exports: ['createWebhookHandler'],
        runBy: 'tests/docs/src/root-readme.test.ts (signed, tampered and unsigned deliveries)',
      },
    },
  },
  {
    file: 'packages/core/README.md',
    blocks: {
      'core-quickstart': {
        kind: 'call',
        exportName: 'quickstart',
        args: [],
        result: { support: { supportsAuth: true }, failure: { errorCode: 'ITEM_LOCKED' } },
      },
      'core-errors': program(/^$/),
      'core-item-health': program(/^update_mode true$/m),
      'core-test-signer': program(/^ITEM\.LOGIN_REPAIRED$/m),
      'core-payment-outcomes': program(/^transfer-1: .+; .+$/m),
      'core-contract': {
        kind: 'compile-only',
        declarations: [
          'declare const emulator: { control: { reset(): Promise<void> } };',
          'declare function sandboxAccount(): Promise<{ publicToken: string; accountId: string }>;',
          "declare const plaid: import('@achbridge/core').PlaidClient;",
          "declare const stripeSettings: import('@achbridge/stripe').StripeClientSettings;",
          'declare function countStripeBankAccounts(): Promise<number>;',
        ].join('\n'),
        reason:
          "a vitest file built on an adapter package's own test harness; packages/stripe/src/stripe-contract.e2e.test.ts runs the same suite",
      },
    },
  },
  {
    file: 'packages/stripe/README.md',
    blocks: {
      'stripe-quickstart': {
        kind: 'call',
        exportName: 'quickstart',
        args: [{}, {}],
        result: { linked: { created: true }, payment: { status: 'processing', amount: 1099 } },
      },
      'stripe-outcomes': {
        kind: 'compile-only',
        declarations: [
          'declare const rawBody: string;',
          'declare const request: { headers: Record<string, string> };',
          'declare const secret: string;',
        ].join('\n'),
        reason:
          'a webhook route fragment (the raw body, request and signing secret come from your framework); packages/stripe/src/outcomes tests verify signed events',
      },
      'stripe-processor-token-route': {
        kind: 'compile-only',
        declarations: [
          "declare const plaid: import('@achbridge/core').PlaidClient;",
          'declare const publicToken: string;',
          'declare const accountId: string;',
          'declare const email: string;',
        ].join('\n'),
        reason:
          'needs the Plaid processor name Plaid enabled for your Stripe account; packages/stripe/src/processor-token-route.e2e.test.ts runs the route against the emulator',
      },
    },
  },
  {
    file: 'packages/dwolla/README.md',
    blocks: {
      'dwolla-quickstart': program(/^verified true$/m),
      'dwolla-transfer-outcomes': {
        kind: 'compile-only',
        declarations: [
          "declare const adapter: import('@achbridge/dwolla').DwollaAdapter;",
          'declare const fundingSourceUrl: string;',
          'declare const balanceUrl: string;',
          'declare const orderId: string;',
          'declare const rawBody: string;',
          'declare const headers: Record<string, string>;',
          'declare const webhookSecret: string;',
        ].join('\n'),
        reason:
          'a webhook route fragment (raw body, headers and the subscription secret come from your route); packages/dwolla/src/dwolla-transfers.e2e.test.ts runs transfers and their webhooks',
      },
    },
  },
  {
    file: 'packages/modern-treasury/README.md',
    blocks: {
      'modern-treasury-quickstart': program(/^approved$/m),
    },
  },
];

/** The declarations to append to a block for the compile step (none for blocks that run as pasted). */
export function declarationsOf(run: SnippetRun): string {
  return run.kind === 'compile-only' ? run.declarations : '';
}
