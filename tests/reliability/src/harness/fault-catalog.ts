import type { FaultSpec } from '@achbridge/emulator';
import { FAULT_DELAY_MS, FAULT_RETRY_AFTER_SECONDS } from './client-settings.js';

/** The fault kinds of the matrix. */
export type FaultName = '500' | '503-html' | 'delay' | 'drop' | '429' | 'malformed' | 'lost-response';

/** Whether a fault hits one attempt (`transient`) or every attempt (`persistent`). */
export type FaultMode = 'transient' | 'persistent';

/** A network step of a flow, matched by method and path glob (the emulator's fault matcher). */
export interface FlowStep {
  flow: 'stripe' | 'dwolla' | 'modern_treasury';
  name: string;
  method: 'GET' | 'POST';
  path: string;
}

/** Applications of a persistent fault: more than any retry budget in the suite. */
export const PERSISTENT_TIMES = 50;

/** What each fault does, as an emulator fault spec without the path. */
export const FAULTS: readonly { name: FaultName; spec: Omit<FaultSpec, 'path' | 'method' | 'times'> }[] = [
  { name: '500', spec: { kind: 'status', status: 500 } },
  { name: '503-html', spec: { kind: 'status', status: 503, html: true } },
  { name: 'delay', spec: { kind: 'delay', delayMs: FAULT_DELAY_MS } },
  { name: 'drop', spec: { kind: 'drop' } },
  { name: '429', spec: { kind: 'status', status: 429, retryAfterSeconds: FAULT_RETRY_AFTER_SECONDS } },
  { name: 'malformed', spec: { kind: 'malformed' } },
  { name: 'lost-response', spec: { kind: 'lost_response' } },
];

/** Every network step of the Stripe flow (link with a public token, mandate, payment), in order. */
export const STRIPE_STEPS: readonly FlowStep[] = [
  { flow: 'stripe', name: 'plaid exchange', method: 'POST', path: '/plaid/item/public_token/exchange' },
  { flow: 'stripe', name: 'plaid accounts', method: 'POST', path: '/plaid/accounts/get' },
  {
    flow: 'stripe',
    name: 'plaid btok create',
    method: 'POST',
    path: '/plaid/processor/stripe/bank_account_token/create',
  },
  { flow: 'stripe', name: 'stripe customer search', method: 'GET', path: '/v1/customers' },
  { flow: 'stripe', name: 'stripe customer create', method: 'POST', path: '/v1/customers' },
  { flow: 'stripe', name: 'stripe attach', method: 'POST', path: '/v1/customers/*/sources' },
  { flow: 'stripe', name: 'stripe mandate', method: 'POST', path: '/v1/setup_intents' },
  { flow: 'stripe', name: 'stripe payment', method: 'POST', path: '/v1/payment_intents' },
];

/** Every network step of the Dwolla flow (create customer, link with a public token), in order. */
export const DWOLLA_STEPS: readonly FlowStep[] = [
  { flow: 'dwolla', name: 'dwolla token', method: 'POST', path: '/dwolla/token' },
  { flow: 'dwolla', name: 'dwolla customer create', method: 'POST', path: '/dwolla/customers' },
  { flow: 'dwolla', name: 'plaid exchange', method: 'POST', path: '/plaid/item/public_token/exchange' },
  { flow: 'dwolla', name: 'plaid accounts', method: 'POST', path: '/plaid/accounts/get' },
  { flow: 'dwolla', name: 'plaid processor token', method: 'POST', path: '/plaid/processor/token/create' },
  {
    flow: 'dwolla',
    name: 'dwolla funding source create',
    method: 'POST',
    path: '/dwolla/customers/*/funding-sources',
  },
];

/** Every network step of the Modern Treasury flow (counterparty, link with a public token, ACH debit), in order. */
export const MODERN_TREASURY_STEPS: readonly FlowStep[] = [
  {
    flow: 'modern_treasury',
    name: 'mt counterparty lookup',
    method: 'GET',
    path: '/modern-treasury/api/counterparties',
  },
  {
    flow: 'modern_treasury',
    name: 'mt counterparty create',
    method: 'POST',
    path: '/modern-treasury/api/counterparties',
  },
  {
    flow: 'modern_treasury',
    name: 'plaid exchange',
    method: 'POST',
    path: '/plaid/item/public_token/exchange',
  },
  { flow: 'modern_treasury', name: 'plaid accounts', method: 'POST', path: '/plaid/accounts/get' },
  {
    flow: 'modern_treasury',
    name: 'mt external account lookup',
    method: 'GET',
    path: '/modern-treasury/api/external_accounts',
  },
  {
    flow: 'modern_treasury',
    name: 'plaid processor token',
    method: 'POST',
    path: '/plaid/processor/token/create',
  },
  {
    flow: 'modern_treasury',
    name: 'mt external account create',
    method: 'POST',
    path: '/modern-treasury/api/external_accounts',
  },
  {
    flow: 'modern_treasury',
    name: 'mt internal accounts',
    method: 'GET',
    path: '/modern-treasury/api/internal_accounts',
  },
  {
    flow: 'modern_treasury',
    name: 'mt payment order create',
    method: 'POST',
    path: '/modern-treasury/api/payment_orders',
  },
];
