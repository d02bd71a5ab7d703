import {
  createPlaidClient,
  createPlaidWebhookVerifier,
  getItemHealth,
  InputValidationError,
  type PlaidClient,
  redactSecrets,
  registerSecret,
} from '@achbridge/core';
import {
  createDwollaAdapter,
  createDwollaClient,
  signDwollaWebhook,
  verifyDwollaWebhook,
} from '@achbridge/dwolla';
import { emulatorSettings, type RunningEmulator } from '@achbridge/emulator';
import { createModernTreasuryAdapter } from '@achbridge/modern-treasury';
import { createStripeAdapter } from '@achbridge/stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCaptureLogger } from './harness/capture-logger.js';
import { SUITE_CREDENTIALS, startSuiteEmulator } from './harness/credentials.js';
import { createDwollaKit, prepareDwollaFixture } from './harness/dwolla-flow.js';
import { renderError } from './harness/error-renderings.js';
import {
  createModernTreasuryKit,
  prepareModernTreasuryFixture,
  runModernTreasuryFlow,
} from './harness/modern-treasury-flow.js';
import { createSecretVault } from './harness/secret-vault.js';
import {
  createSetupPlaid,
  createStripeKit,
  prepareStripeFixture,
  runStripeFlow,
} from './harness/stripe-flow.js';

let emulator: RunningEmulator;
const vault = createSecretVault();
const logger = createCaptureLogger();
const errors: { label: string; error: unknown }[] = [];

/** Runs `action`, which must fail, and keeps its error for the audit. */
async function failing(label: string, action: () => Promise<unknown> | unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    errors.push({ label, error });
    return error;
  }
  throw new Error(`${label}: expected a failure`);
}

function createModernTreasuryAdapterWith(apiKey: string, plaid: PlaidClient) {
  return createModernTreasuryAdapter({
    plaid,
    modernTreasury: {
      ...emulatorSettings(emulator).modernTreasury,
      apiKey,
      fetch: vault.observe(),
    },
    retry: { maxRetries: 0 },
    logger,
  });
}

function plaidWith(secret: string): PlaidClient {
  return createPlaidClient({
    ...emulatorSettings(emulator).plaid,
    secret,
    retry: { maxRetries: 0 },
    fetch: vault.observe(),
    logger,
  });
}

beforeAll(async () => {
  emulator = await startSuiteEmulator();
});
afterAll(async () => {
  await emulator.close();
});

describe('secret-leak audit: every flow and failure, with a debug logger capturing everything', () => {
  it('the Stripe flow and every Stripe adapter method, then its failure paths', async () => {
    const fixture = await prepareStripeFixture(
      emulator,
      createSetupPlaid(emulator, vault),
      'audit@example.com',
    );
    // Stripe calls go through the vault's fetch like every other client's: it learns the key and each
    // answer's client secrets as they pass.
    const kit = createStripeKit(emulator, { vault, logger, observeStripe: true });
    const flow = await runStripeFlow(kit, fixture);
    await kit.adapter.getPayment(flow.paymentIntentId);
    const { bankAccountToken } = await kit.adapter.createBankAccountToken({
      accessToken: fixture.accessToken,
      accountId: fixture.accountId,
    });
    vault.add('unused btok', bankAccountToken);
    await kit.adapter.link({
      accessToken: fixture.accessToken,
      accountId: fixture.accountId,
      customer: { email: fixture.email },
    });

    // A secret passed where an id belongs must not be echoed by the validation error.
    await failing('btok as customer id', () =>
      kit.adapter.link({
        accessToken: fixture.accessToken,
        accountId: fixture.accountId,
        customer: { id: bankAccountToken },
      }),
    );
    await failing('Plaid secret as account id', () =>
      kit.adapter.link({
        accessToken: fixture.accessToken,
        accountId: `${SUITE_CREDENTIALS.plaid.secret}\n`,
        customer: { email: 'x' },
      }),
    );
    await failing('access token as payment id', () => kit.adapter.getPayment(fixture.accessToken));
    await failing('Stripe key as bank account id', () =>
      kit.adapter.createMandate({
        customerId: flow.customerId,
        bankAccountId: SUITE_CREDENTIALS.stripe.secretKey,
        acceptance: { type: 'offline' },
      }),
    );
    await failing('unknown payment id', () => kit.adapter.getPayment('pi_doesnotexist000000'));
    // A live key with a Sandbox Plaid client: the mode check refuses before any call.
    await failing('live key with Plaid Sandbox', () =>
      createStripeAdapter({
        plaid: kit.plaid,
        stripe: { secretKey: SUITE_CREDENTIALS.stripe.liveSecretKey, baseUrl: emulator.url },
      }),
    );
    const wrongKey = 'sk_test_RelTestWrongStripeKey0a1b';
    const wrong = createStripeAdapter({
      plaid: kit.plaid,
      stripe: { ...emulatorSettings(emulator).stripe, secretKey: wrongKey, fetch: vault.observe() },
      retry: { maxRetries: 0 },
      logger,
    });
    await failing('wrong Stripe key', () => wrong.getPayment(flow.paymentIntentId));
    // After the Item is removed its tokens stop working.
    await kit.plaid.removeItem({ accessToken: fixture.accessToken });
    await failing('removed Item: btok', () =>
      kit.adapter.createBankAccountToken({ accessToken: fixture.accessToken, accountId: fixture.accountId }),
    );
    await failing('removed Item: link', () =>
      kit.adapter.link({
        accessToken: fixture.accessToken,
        accountId: fixture.accountId,
        customer: { email: fixture.email },
      }),
    );
    expect(
      vault.list().filter((secret) => secret.label === 'response field client_secret').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('the Dwolla flow and every Dwolla adapter and client method, then its failure paths', async () => {
    const fixture = await prepareDwollaFixture(
      emulator,
      createSetupPlaid(emulator, vault),
      'audit-dwolla@example.com',
    );
    const kit = createDwollaKit(emulator, { vault, logger });
    const customer = await kit.adapter.createCustomer({
      firstName: 'Audit',
      lastName: 'Trail',
      email: fixture.email,
    });
    const linked = await kit.adapter.link({
      publicToken: fixture.publicToken,
      accountId: fixture.accountId,
      customer: customer.id,
      name: 'Audit checking',
    });
    const { processorToken } = await kit.adapter.createProcessorToken({
      accessToken: fixture.accessToken,
      accountId: fixture.accountId,
    });
    const again = await kit.adapter.createFundingSource({
      customer: customer.id,
      processorToken,
      name: 'Audit checking',
    });
    expect(again.id).toBe(linked.fundingSource.id);
    await kit.adapter.getFundingSource(linked.fundingSource.id);
    await kit.adapter.listFundingSources(customer.id);

    await failing('processor token of another environment', () =>
      kit.adapter.createFundingSource({
        customer: customer.id,
        processorToken: processorToken.replace('processor-sandbox-', 'processor-production-'),
        name: 'Second try',
      }),
    );
    await failing('processor token as funding source name', () =>
      kit.adapter.createFundingSource({
        customer: customer.id,
        processorToken,
        name: `${processorToken}${processorToken}`,
      }),
    );
    await failing('access token as customer', () =>
      kit.adapter.link({
        accessToken: fixture.accessToken,
        accountId: fixture.accountId,
        customer: fixture.accessToken,
        name: 'x',
      }),
    );
    await failing('Dwolla secret as email', () =>
      kit.adapter.createCustomer({ firstName: 'A', lastName: 'B', email: SUITE_CREDENTIALS.dwolla.secret }),
    );
    await failing('unknown funding source', () =>
      kit.adapter.getFundingSource('00000000-0000-4000-8000-000000000000'),
    );
    await kit.adapter.removeFundingSource(linked.fundingSource.id);
    const plaidAfterRemoval = plaidWith(SUITE_CREDENTIALS.plaid.secret);
    await plaidAfterRemoval.removeItem({ accessToken: fixture.accessToken });
    await failing('removed Item: processor token', () =>
      kit.adapter.createProcessorToken({ accessToken: fixture.accessToken, accountId: fixture.accountId }),
    );
    const wrongSecret = 'RelTestWrongDwollaSecret9f8e';
    vault.add('wrong Dwolla secret', wrongSecret);
    const wrongClient = createDwollaClient({
      ...emulatorSettings(emulator).dwolla,
      secret: wrongSecret,
      retry: { maxRetries: 0 },
      fetch: vault.observe(),
      logger,
    });
    await failing('wrong Dwolla secret', () => wrongClient.get('/', z.looseObject({})));
    await failing('wrong Dwolla secret via adapter', () =>
      createDwollaAdapter({ plaid: plaidAfterRemoval, dwolla: wrongClient }).getFundingSource(
        linked.fundingSource.id,
      ),
    );
    // Webhook verification failures with the subscription secret.
    const webhookSecret = 'RelTestDwollaWebhookSecret77aa';
    vault.add('Dwolla webhook secret', webhookSecret);
    const body = JSON.stringify({ id: 'evt-1', topic: 'customer_funding_source_added', _links: {} });
    await failing('Dwolla webhook: bad signature', () =>
      verifyDwollaWebhook({
        body,
        headers: {
          'X-Request-Signature-SHA-256': signDwollaWebhook(`${body} `, webhookSecret),
          'X-Dwolla-Topic': 'x',
        },
        secret: webhookSecret,
      }),
    );
    await failing('Dwolla webhook: secret in the signature header', () =>
      verifyDwollaWebhook({
        body,
        headers: {
          'X-Request-Signature-SHA-256': webhookSecret,
          'X-Dwolla-Topic': 'customer_funding_source_added',
        },
        secret: webhookSecret,
      }),
    );
  });

  it('the Modern Treasury flow and its adapter methods, then its failure paths', async () => {
    const fixture = await prepareModernTreasuryFixture(
      emulator,
      createSetupPlaid(emulator, vault),
      'audit-mt',
    );
    const kit = createModernTreasuryKit(emulator, { vault, logger });
    const flow = await runModernTreasuryFlow(kit, fixture);
    await kit.adapter.getPaymentOrder(flow.paymentOrderId);
    await kit.adapter.getExternalAccount(flow.externalAccountId);
    const { processorToken } = await kit.adapter.createProcessorToken({
      accessToken: fixture.accessToken,
      accountId: fixture.accountId,
    });
    vault.add('unused Modern Treasury processor token', processorToken);
    // Secrets where ids or names belong must not be echoed by the validation or provider errors.
    await failing('processor token as counterparty', () =>
      kit.adapter.link({
        accessToken: fixture.accessToken,
        accountId: fixture.accountId,
        counterparty: processorToken,
      }),
    );
    await failing('access token as payment order id', () => kit.adapter.getPaymentOrder(fixture.accessToken));
    await failing('idempotency key reused for another payment', () =>
      kit.adapter.createAchDebit({
        externalAccountId: flow.externalAccountId,
        originatingAccountId: '0f8e3719-3dfd-4613-9bbf-c0333781b59f',
        amount: 999,
        idempotencyKey: `reliability-${fixture.counterpartyKey}`,
      }),
    );
    await failing('processor token of another environment', () =>
      kit.adapter.link({
        accessToken: 'access-production-00000000-0000-4000-8000-000000000000',
        accountId: fixture.accountId,
        counterparty: flow.counterpartyId,
      }),
    );
    await failing('unknown counterparty', () =>
      kit.adapter.link({
        accessToken: fixture.accessToken,
        accountId: fixture.accountId,
        counterparty: '00000000-0000-4000-8000-000000000000',
      }),
    );
    const wrongKey = 'RelTestWrongModernTreasuryKey4d2c';
    vault.add('wrong Modern Treasury key', wrongKey);
    const wrongAdapter = createModernTreasuryAdapterWith(wrongKey, kit.plaid);
    const wrongKeyError = await failing('wrong Modern Treasury key', () =>
      wrongAdapter.listInternalAccounts(),
    );
    expect(wrongKeyError).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('core: wrong Plaid secret, foreign and revoked tokens, item health, webhooks', async () => {
    const wrongSecret = 'RelTestWrongPlaidSecret5c6d';
    vault.add('wrong Plaid secret', wrongSecret);
    await failing('wrong Plaid secret', () =>
      plaidWith(wrongSecret).sandbox.createPublicToken({
        institutionId: 'ins_109508',
        initialProducts: ['auth'],
      }),
    );
    const plaid = plaidWith(SUITE_CREDENTIALS.plaid.secret);
    const { publicToken } = await plaid.sandbox.createPublicToken({
      institutionId: 'ins_109508',
      initialProducts: ['auth'],
    });
    const { accessToken } = await plaid.exchangePublicToken({ publicToken });
    await getItemHealth({ plaid, accessToken });
    await failing('public token exchanged twice', () => plaid.exchangePublicToken({ publicToken }));
    await failing('production access token on a sandbox client', () =>
      plaid.getItem({ accessToken: accessToken.replace('access-sandbox-', 'access-production-') }),
    );
    await failing('access token passed as public token', () =>
      plaid.exchangePublicToken({ publicToken: accessToken }),
    );
    await failing('secret passed as access token', () =>
      plaid.getItem({ accessToken: SUITE_CREDENTIALS.plaid.secret }),
    );
    await plaid.removeItem({ accessToken });
    await failing('revoked access token', () => plaid.getAccounts({ accessToken }));
    const verifier = createPlaidWebhookVerifier({ plaid });
    await failing('Plaid webhook with a forged JWT', () =>
      verifier.verify({
        body: '{}',
        headers: { 'plaid-verification': `eyJhbGciOiJFUzI1NiIsImtpZCI6Im5vbmUifQ.e30.${accessToken}` },
      }),
    );
  });

  it('credentials stay redacted in a long-running process after thousands of tokens were minted', async () => {
    const plaid = plaidWith(SUITE_CREDENTIALS.plaid.secret);
    await plaid.searchInstitutions({ query: 'Platypus', countryCodes: ['US'] });
    // Each btok / processor token / bearer token an adapter receives is registered for redaction; a busy
    // server registers thousands a day. The credentials it keeps using must stay redacted.
    for (let index = 0; index < 5_000; index++) registerSecret(`minted-token-${index}-${'x'.repeat(16)}`);
    await plaid.searchInstitutions({ query: 'Platypus', countryCodes: ['US'] });
    const echoed = `the provider echoed ${SUITE_CREDENTIALS.plaid.secret} back`;
    expect(redactSecrets(echoed)).not.toContain(SUITE_CREDENTIALS.plaid.secret);
    const error = new InputValidationError('audit', [{ path: 'x', message: echoed }]);
    errors.push({ label: 'long-running echo', error });
  });

  it('no log line and no rendering of any error contains a secret', () => {
    const texts = [
      ...logger.lines.map((text, index) => ({ where: `log line ${index}`, text })),
      ...errors.flatMap(({ label, error }) => renderError(error, label)),
    ];
    expect(logger.lines.length).toBeGreaterThan(20);
    expect(errors.length).toBeGreaterThan(15);
    expect(vault.list().length).toBeGreaterThan(10);
    expect(vault.findLeaks(texts)).toEqual([]);
  });
});
