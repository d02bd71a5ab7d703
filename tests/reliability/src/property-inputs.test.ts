import {
  checkAuthSupport,
  createPlaidClient,
  createPlaidWebhookVerifier,
  createUpdateModeLinkToken,
  evaluateAuthSupport,
  findAuthInstitutions,
  getItemHealth,
  type PlaidClient,
  redactValue,
} from '@achbridge/core';
import {
  createDwollaAdapter,
  createDwollaClient,
  type DwollaAdapter,
  type DwollaClient,
  deriveIdempotencyKey,
} from '@achbridge/dwolla';
import { emulatorSettings, type RunningEmulator } from '@achbridge/emulator';
import {
  assertModesMatch,
  createStripeAdapter,
  type StripeAdapter,
  stripeModeOfKey,
} from '@achbridge/stripe';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyValue, inputLike } from './harness/arbitraries.js';
import { startSuiteEmulator } from './harness/credentials.js';
import { expectValueOrTypedError } from './harness/typed-outcome.js';
import { watchUnhandledRejections } from './harness/unhandled-rejections.js';

const RUNS = 60;

let emulator: RunningEmulator;
let plaid: PlaidClient;
let stripe: StripeAdapter;
let dwollaClient: DwollaClient;
let dwolla: DwollaAdapter;
const rejections = watchUnhandledRejections();

beforeAll(async () => {
  emulator = await startSuiteEmulator();
  // Real clients pointed at the emulator: an input that happens to be valid makes a real (offline) call.
  plaid = createPlaidClient({
    ...emulatorSettings(emulator).plaid,
    retry: { maxRetries: 0 },
  });
  stripe = createStripeAdapter({
    plaid,
    stripe: {
      secretKey: emulator.stripe.secretKey,
      host: emulator.stripe.host,
      port: emulator.stripe.port,
      protocol: 'http',
    },
    retry: { maxRetries: 0 },
  });
  dwollaClient = createDwollaClient({
    ...emulatorSettings(emulator).dwolla,
    retry: { maxRetries: 0 },
  });
  dwolla = createDwollaAdapter({ plaid, dwolla: dwollaClient });
});

afterAll(async () => {
  await emulator.close();
  rejections.stop();
  expect(rejections.reasons).toEqual([]);
});

/** A public function and how to call it with two arbitrary arguments. */
interface PublicFunction {
  name: string;
  call: (first: unknown, second: unknown) => unknown;
}

// The casts are the point: callers in plain JavaScript (or with `as any`) can pass anything.
type Loose = (...args: unknown[]) => unknown;
const loose = (fn: unknown): Loose => fn as Loose;

const FACTORIES: PublicFunction[] = [
  { name: 'createPlaidClient', call: (a) => loose(createPlaidClient)(a) },
  { name: 'createStripeAdapter', call: (a) => loose(createStripeAdapter)(a) },
  { name: 'createDwollaClient', call: (a) => loose(createDwollaClient)(a) },
  { name: 'createDwollaAdapter', call: (a) => loose(createDwollaAdapter)(a) },
  { name: 'createPlaidWebhookVerifier', call: (a) => loose(createPlaidWebhookVerifier)(a) },
  { name: 'evaluateAuthSupport', call: (a, b) => loose(evaluateAuthSupport)(a, b) },
  { name: 'stripeModeOfKey', call: (a) => loose(stripeModeOfKey)(a) },
  { name: 'assertModesMatch', call: (a, b) => loose(assertModesMatch)(a, b) },
  { name: 'deriveIdempotencyKey', call: (a, b) => loose(deriveIdempotencyKey)(a, b) },
];

function methods(): PublicFunction[] {
  const plaidMethods = [
    'exchangePublicToken',
    'createLinkToken',
    'getAccounts',
    'getAuth',
    'getItem',
    'removeItem',
    'updateItemWebhook',
    'getInstitutionById',
    'searchInstitutions',
  ] as const;
  return [
    ...plaidMethods.map((name) => ({
      name: `plaid.${name}`,
      call: (a: unknown, b: unknown) => loose(plaid[name])(a, b),
    })),
    { name: 'plaid.sandbox.createPublicToken', call: (a, b) => loose(plaid.sandbox.createPublicToken)(a, b) },
    { name: 'plaid.sandbox.resetLogin', call: (a, b) => loose(plaid.sandbox.resetLogin)(a, b) },
    { name: 'plaid.sandbox.fireWebhook', call: (a, b) => loose(plaid.sandbox.fireWebhook)(a, b) },
    { name: 'plaid.request', call: (a, b) => loose(plaid.request)(a, b, b, a) },
    { name: 'getItemHealth', call: (a) => loose(getItemHealth)(a) },
    { name: 'getItemHealth (with a client)', call: (a) => loose(getItemHealth)({ ...(a as object), plaid }) },
    {
      name: 'createUpdateModeLinkToken',
      call: (a) => loose(createUpdateModeLinkToken)({ ...(a as object), plaid }),
    },
    { name: 'checkAuthSupport', call: (a, b) => loose(checkAuthSupport)(plaid, a, b) },
    { name: 'findAuthInstitutions', call: (a, b) => loose(findAuthInstitutions)(plaid, a, b) },
    { name: 'verifier.verify', call: (a, b) => loose(createPlaidWebhookVerifier({ plaid }).verify)(a, b) },
    { name: 'stripe.link', call: (a) => loose(stripe.link)(a) },
    { name: 'stripe.createBankAccountToken', call: (a) => loose(stripe.createBankAccountToken)(a) },
    { name: 'stripe.createMandate', call: (a) => loose(stripe.createMandate)(a) },
    { name: 'stripe.createAchPayment', call: (a) => loose(stripe.createAchPayment)(a) },
    { name: 'stripe.getPayment', call: (a, b) => loose(stripe.getPayment)(a, b) },
    { name: 'dwolla.link', call: (a, b) => loose(dwolla.link)(a, b) },
    { name: 'dwolla.createProcessorToken', call: (a, b) => loose(dwolla.createProcessorToken)(a, b) },
    { name: 'dwolla.createFundingSource', call: (a, b) => loose(dwolla.createFundingSource)(a, b) },
    { name: 'dwolla.getFundingSource', call: (a, b) => loose(dwolla.getFundingSource)(a, b) },
    { name: 'dwolla.listFundingSources', call: (a, b) => loose(dwolla.listFundingSources)(a, b) },
    { name: 'dwolla.removeFundingSource', call: (a, b) => loose(dwolla.removeFundingSource)(a, b) },
    { name: 'dwolla.createCustomer', call: (a, b) => loose(dwolla.createCustomer)(a, b) },
    { name: 'dwollaClient.get', call: (a, b) => loose(dwollaClient.get)(a, b, b) },
    { name: 'dwollaClient.post', call: (a, b) => loose(dwollaClient.post)(a, b, b, a) },
    { name: 'dwollaClient.create', call: (a, b) => loose(dwollaClient.create)(a, b, b) },
    { name: 'dwollaClient.resolveUrl', call: (a) => loose(dwollaClient.resolveUrl)(a) },
  ];
}

const METHOD_NAMES = [
  'plaid.exchangePublicToken',
  'plaid.createLinkToken',
  'plaid.getAccounts',
  'plaid.getAuth',
  'plaid.getItem',
  'plaid.removeItem',
  'plaid.updateItemWebhook',
  'plaid.getInstitutionById',
  'plaid.searchInstitutions',
  'plaid.sandbox.createPublicToken',
  'plaid.sandbox.resetLogin',
  'plaid.sandbox.fireWebhook',
  'plaid.request',
  'getItemHealth',
  'getItemHealth (with a client)',
  'createUpdateModeLinkToken',
  'checkAuthSupport',
  'findAuthInstitutions',
  'verifier.verify',
  'stripe.link',
  'stripe.createBankAccountToken',
  'stripe.createMandate',
  'stripe.createAchPayment',
  'stripe.getPayment',
  'dwolla.link',
  'dwolla.createProcessorToken',
  'dwolla.createFundingSource',
  'dwolla.getFundingSource',
  'dwolla.listFundingSources',
  'dwolla.removeFundingSource',
  'dwolla.createCustomer',
  'dwollaClient.get',
  'dwollaClient.post',
  'dwollaClient.create',
  'dwollaClient.resolveUrl',
];

describe('the input schemas of every public function: arbitrary input → a value or a typed error, never a crash', () => {
  it('lists every method it checks', () => {
    expect(methods().map((method) => method.name)).toEqual(METHOD_NAMES);
  });

  it.each(FACTORIES)('$name', async ({ name, call }) => {
    await fc.assert(
      fc.asyncProperty(inputLike, inputLike, async (first, second) => {
        await expectValueOrTypedError(name, () => call(first, second));
      }),
      { numRuns: RUNS },
    );
  });

  it.each(METHOD_NAMES)('%s', async (name) => {
    const method = methods().find((candidate) => candidate.name === name);
    if (!method) throw new Error(`no method ${name}`);
    await fc.assert(
      fc.asyncProperty(inputLike, inputLike, async (first, second) => {
        await expectValueOrTypedError(name, () => method.call(first, second));
      }),
      { numRuns: RUNS },
    );
  });

  it('redactValue: any value → a redacted copy, never a throw', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        redactValue(value);
      }),
      { numRuns: 300 },
    );
  });
});
