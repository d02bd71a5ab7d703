import { AchBridgeError, createPlaidClient, type PlaidClient } from '@achbridge/core';
import { createDwollaAdapter, createDwollaClient } from '@achbridge/dwolla';
import { createModernTreasuryAdapter, ModernTreasuryApiError } from '@achbridge/modern-treasury';
import { createStripeAdapter, StripeWebhookVerificationError, verifyStripeWebhook } from '@achbridge/stripe';
import type { WebhookInbox } from './webhook-inbox.ts';

/** Where the emulator listens (started by the Node test harness) and the run's unique id. */
export interface ScenarioConfig {
  runId: string;
  /** The emulator's origin, e.g. `http://127.0.0.1:41234`. */
  emulatorUrl: string;
  plaid: { baseUrl: string; clientId: string; secret: string };
  stripe: { baseUrl: string; secretKey: string };
  dwolla: { baseUrl: string; key: string; secret: string };
  modernTreasury: { baseUrl: string; organizationId: string; apiKey: string };
  /** A Stripe webhook delivery signed by the Node harness with stripe-node's test-header helper. */
  stripeWebhook: { body: string; signature: string; secret: string; eventId: string };
}

/** What a runtime reports back to the harness; every field is checked by runtimes.test.ts. */
export interface ScenarioReport {
  runtime: string;
  stripe: {
    firstCreated: boolean;
    rerunCreated: boolean;
    sameBankAccount: boolean;
    mandateStatus: string;
    paymentStatus: string;
    paymentAmount: number;
  };
  dwolla: { firstCreated: boolean; rerunCreated: boolean; sameFundingSource: boolean; status: string };
  /** Link → external account → payment order, re-run, and a typed error (wrong API key) with its serializations. */
  modernTreasury: {
    firstCreated: boolean;
    rerunCreated: boolean;
    sameExternalAccount: boolean;
    verificationStatus: string;
    paymentOrderStatus: string;
    paymentOrderAmount: number;
    samePaymentOrderOnRetry: boolean;
    error: { name: string; status: number | null; isApiError: boolean; views: string[] };
  };
  webhook: { kind: string; itemMatches: boolean; refused: number };
  /** verifyStripeWebhook with stripe-node's SubtleCrypto provider: the event, and why the tampered one was refused. */
  stripeWebhook: { type: string; idMatches: boolean; tampered: string; wrongSecret: string };
  /** The hosts of clients built without baseUrl: this runtime's environment has no *_BASE_URL variable. */
  defaultHosts: { dwolla: string; plaid: string };
  error: { name: string; code: string; isAchBridgeError: boolean; views: string[] };
}

const INSTITUTION_ID = 'ins_109508';

/** Creates the Plaid client of a run; the inbox needs it before the scenario runs. */
export function scenarioPlaid(config: ScenarioConfig): PlaidClient {
  return createPlaidClient({ environment: 'sandbox', ...config.plaid, maxRetries: 1 });
}

/** A fresh Sandbox Item with a webhook URL: Link's public token for it and its checking account id. */
async function linkedItem(
  config: ScenarioConfig,
  plaid: PlaidClient,
  webhookUrl: string,
): Promise<{ publicToken: string; accountId: string; accessToken: string; itemId: string }> {
  const { publicToken: first } = await plaid.sandbox.createPublicToken({
    institutionId: INSTITUTION_ID,
    initialProducts: ['auth'],
    webhook: webhookUrl,
  });
  const { accessToken, itemId } = await plaid.exchangePublicToken({ publicToken: first });
  const { accounts } = await plaid.getAccounts({ accessToken });
  const accountId = accounts.find((account) => account.subtype === 'checking')?.accountId;
  if (accountId === undefined) throw new Error('the Sandbox Item has no checking account');
  // What Link's onSuccess hands the app: a second, unused public token for the same Item.
  const answer = await fetch(`${config.emulatorUrl}/__emulator/plaid/items/${itemId}/public_token`, {
    method: 'POST',
    // The control API takes state-changing calls only as JSON (its CSRF guard).
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!answer.ok) throw new Error(`the emulator refused a public token for ${itemId}: HTTP ${answer.status}`);
  const { public_token: publicToken } = (await answer.json()) as { public_token: string };
  return { publicToken, accountId, accessToken, itemId };
}

/** The name of the runtime, from `navigator.userAgent` (e.g. `Deno/2.9.6`, `Bun/1.4.5`, `Cloudflare-Workers`). */
export function runtimeName(): string {
  const agent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent;
  return agent ?? 'unknown';
}

/** Every serialization of an error a log or an error tracker could print (checked for secrets by the harness). */
function serializations(error: unknown): string[] {
  return [
    String(error),
    String((error as { stack?: unknown }).stack),
    JSON.stringify(error),
    JSON.stringify(Object.fromEntries(Object.entries(error as object))),
  ];
}

/**
 * Modern Treasury: a counterparty, the Plaid processor token claimed by an external account, a re-run
 * (`created: false`, the same account), an ACH debit payment order and its retry with the same key (the same
 * order), then one typed error from a wrong API key.
 */
async function runModernTreasury(
  config: ScenarioConfig,
  plaid: PlaidClient,
  webhookUrl: string,
): Promise<ScenarioReport['modernTreasury']> {
  const item = await linkedItem(config, plaid, webhookUrl);
  const mt = createModernTreasuryAdapter({
    plaid,
    modernTreasury: { environment: 'sandbox', ...config.modernTreasury },
  });
  const counterparty = await mt.createCounterparty({
    name: 'Runtime Test',
    externalId: `runtime-${config.runId}`,
  });
  const input = { publicToken: item.publicToken, accountId: item.accountId, counterparty: counterparty.id };
  const first = await mt.link(input);
  const rerun = await mt.link(input);
  const originating = (await mt.listInternalAccounts()).find((account) => account.achDebit);
  if (originating === undefined) throw new Error('the emulated Modern Treasury has no ACH internal account');
  const debit = {
    externalAccountId: first.externalAccount.id,
    originatingAccountId: originating.id,
    amount: 1099,
    idempotencyKey: `mt-order-${config.runId}`,
  };
  const order = await mt.createAchDebit(debit);
  const retried = await mt.createAchDebit(debit);
  const wrong = createModernTreasuryAdapter({
    plaid,
    modernTreasury: {
      environment: 'sandbox',
      ...config.modernTreasury,
      apiKey: `wrong-mt-key-${config.runId}`,
    },
    retry: { maxRetries: 0 },
  });
  const error = await wrong.listInternalAccounts().catch((caught: unknown) => caught);
  const typed = error as { name?: unknown; status?: unknown };
  return {
    firstCreated: first.created,
    rerunCreated: rerun.created,
    sameExternalAccount: first.externalAccount.id === rerun.externalAccount.id,
    verificationStatus: first.externalAccount.verificationStatus,
    paymentOrderStatus: order.status,
    paymentOrderAmount: order.amount,
    samePaymentOrderOnRetry: order.id === retried.id,
    error: {
      name: String(typed.name),
      status: typeof typed.status === 'number' ? typed.status : null,
      isApiError: ModernTreasuryApiError.isInstance(error),
      views: serializations(error),
    },
  };
}

/**
 * The flows every runtime must pass, through the packages' published exports: Stripe link → mandate →
 * payment, the Dwolla link, Modern Treasury link → payment order, each re-run (`created: false`), a signed Plaid webhook verified from a
 * `Request`, and one typed error whose every serialization is returned for the harness to scan.
 */
export async function runScenario(
  config: ScenarioConfig,
  plaid: PlaidClient,
  inbox: WebhookInbox,
  webhookUrl: string,
): Promise<ScenarioReport> {
  const stripeItem = await linkedItem(config, plaid, webhookUrl);
  const stripe = createStripeAdapter({
    plaid,
    stripe: { secretKey: config.stripe.secretKey, baseUrl: config.stripe.baseUrl },
  });
  const stripeInput = {
    publicToken: stripeItem.publicToken,
    accountId: stripeItem.accountId,
    customer: { email: `runtime-${config.runId}@example.com` },
  };
  const first = await stripe.link(stripeInput);
  const rerun = await stripe.link(stripeInput);
  const bank = { customerId: first.customerId, bankAccountId: first.bankAccount.id };
  const mandate = await stripe.createMandate({
    ...bank,
    acceptance: { type: 'online', ipAddress: '203.0.113.7', userAgent: runtimeName() },
  });
  if (mandate.mandateId === null) throw new Error(`the SetupIntent is ${mandate.status}, without a mandate`);
  const payment = await stripe.createAchPayment({
    ...bank,
    amount: 1099,
    mandateId: mandate.mandateId,
    idempotencyKey: `order-${config.runId}`,
  });

  const dwollaItem = await linkedItem(config, plaid, webhookUrl);
  const dwollaClient = createDwollaClient({ environment: 'sandbox', ...config.dwolla });
  const dwolla = createDwollaAdapter({ plaid, dwolla: dwollaClient });
  const customer = await dwolla.createCustomer({
    firstName: 'Runtime',
    lastName: 'Test',
    email: `dwolla-${config.runId}@example.com`,
  });
  const dwollaInput = {
    publicToken: dwollaItem.publicToken,
    accountId: dwollaItem.accountId,
    customer: customer.id,
    name: 'Runtime Checking',
  };
  const linked = await dwolla.link(dwollaInput);
  const relinked = await dwolla.link(dwollaInput);

  const modernTreasury = await runModernTreasury(config, plaid, webhookUrl);

  await plaid.sandbox.fireWebhook({
    accessToken: stripeItem.accessToken,
    webhookCode: 'LOGIN_REPAIRED',
    webhookType: 'ITEM',
  });
  const event = await inbox.waitFor(stripeItem.itemId, 15_000);

  const stripeEvent = await verifyStripeWebhook({
    body: config.stripeWebhook.body,
    signature: config.stripeWebhook.signature,
    secret: config.stripeWebhook.secret,
  });
  const refusal = (caught: unknown): string =>
    StripeWebhookVerificationError.isInstance(caught) ? caught.reason : `unexpected: ${String(caught)}`;
  const tampered = await verifyStripeWebhook({
    body: config.stripeWebhook.body.replace('"processing"', '"succeeded"'),
    signature: config.stripeWebhook.signature,
    secret: config.stripeWebhook.secret,
  }).then(() => 'accepted', refusal);
  const wrongWebhookSecret = await verifyStripeWebhook({
    body: config.stripeWebhook.body,
    signature: config.stripeWebhook.signature,
    secret: `whsec_wrong_${config.runId}`,
  }).then(() => 'accepted', refusal);

  // Without baseUrl the clients read *_BASE_URL where the runtime has an environment (Workers: none; Deno
  // without --allow-env: reading throws, which counts as unset), so they fall back to the official hosts.
  const defaultHosts = {
    dwolla: createDwollaClient({ key: 'unused-key', secret: 'unused-secret' }).baseUrl,
    plaid: createPlaidClient({ clientId: 'unused', secret: 'unused-secret' }).baseUrl,
  };

  const wrongSecret = `wrong-secret-${config.runId}`;
  const badPlaid = createPlaidClient({
    environment: 'sandbox',
    ...config.plaid,
    secret: wrongSecret,
    maxRetries: 0,
  });
  const error = await badPlaid
    .getAccounts({ accessToken: stripeItem.accessToken })
    .catch((caught: unknown) => caught);
  const typed = error as { name?: unknown; code?: unknown; stack?: unknown };

  return {
    runtime: runtimeName(),
    stripe: {
      firstCreated: first.created,
      rerunCreated: rerun.created,
      sameBankAccount: first.bankAccount.id === rerun.bankAccount.id,
      mandateStatus: mandate.status,
      paymentStatus: payment.status,
      paymentAmount: payment.amount,
    },
    dwolla: {
      firstCreated: linked.created,
      rerunCreated: relinked.created,
      sameFundingSource: linked.fundingSource.id === relinked.fundingSource.id,
      status: linked.fundingSource.status,
    },
    modernTreasury,
    webhook: {
      kind: event.kind,
      itemMatches: 'itemId' in event && event.itemId === stripeItem.itemId,
      refused: inbox.refused(),
    },
    stripeWebhook: {
      type: stripeEvent.type,
      idMatches: stripeEvent.id === config.stripeWebhook.eventId,
      tampered,
      wrongSecret: wrongWebhookSecret,
    },
    defaultHosts,
    error: {
      name: String(typed.name),
      code: String(typed.code),
      isAchBridgeError: AchBridgeError.isInstance(error),
      // Everything a log or an error tracker could print: the harness checks that no secret is in any of them.
      views: serializations(error),
    },
  };
}
