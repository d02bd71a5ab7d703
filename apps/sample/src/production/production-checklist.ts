import { PLAID_ENVIRONMENT_URLS, parseInput } from '@achbridge/core';
import { z } from 'zod';
import type { SampleMode } from '../config/sample-config.js';

/** One item of the FAQ's "going to production" checklist, with where the sample stands today. */
export interface ChecklistItem {
  id: 'environment' | 'host' | 'secret' | 'items' | 'stripe' | 'dwolla';
  title: string;
  /** What the sample uses now. */
  now: string;
  /** What Production needs. */
  production: string;
}

const inputSchema = z.object({
  mode: z.enum(['emulator', 'sandbox']),
  plaidBaseUrl: z.string().min(1),
});

/**
 * The FAQ's migration steps (environment in Link, API host, Production secret; Items must be created again)
 * plus the processor pairing rules, each with the sample's current value (never a secret itself).
 */
export function productionChecklist(input: { mode: SampleMode; plaidBaseUrl: string }): ChecklistItem[] {
  const { mode, plaidBaseUrl } = parseInput('productionChecklist', inputSchema, input);
  const secretNow =
    mode === 'emulator'
      ? "the emulator's built-in test secret"
      : 'your Sandbox secret (PLAID_SECRET, not shown)';
  return [
    {
      id: 'environment',
      title: 'Environment in your Link initialization code',
      now: mode === 'emulator' ? 'sandbox (emulated offline)' : 'sandbox',
      production: 'Set env to production rather than sandbox (Development no longer exists).',
    },
    {
      id: 'host',
      title: 'API host your requests go to',
      now: plaidBaseUrl,
      production: `${PLAID_ENVIRONMENT_URLS.production} (after Production access is approved in the Plaid Dashboard).`,
    },
    {
      id: 'secret',
      title: 'Client secret',
      now: secretNow,
      production:
        'The Production secret from Dashboard > Account > Keys; the Sandbox secret is refused there.',
    },
    {
      id: 'items',
      title: 'Items and tokens',
      now: 'Sandbox Items (access-sandbox-..., processor-sandbox-..., test mode btoks)',
      production: 'Sandbox Items do not carry over: users link again in Production.',
    },
    {
      id: 'stripe',
      title: 'Stripe key mode',
      now: 'test mode key (sk_test_...)',
      production:
        'A live key (sk_live_...): Plaid Production btoks belong to live mode; the adapter refuses mismatches.',
    },
    {
      id: 'dwolla',
      title: 'Dwolla environment',
      now: 'Dwolla Sandbox (api-sandbox.dwolla.com)',
      production:
        'Dwolla Production pairs with Plaid Production only; the adapter refuses mixed environments.',
    },
  ];
}
