// Full Stripe flow with the packages installed from the smoke registry (run inside the consumer project):
// the installed emulator serves Plaid Sandbox and Stripe test mode; core's Plaid client makes a Link token;
// @achbridge/stripe (with the stripe SDK that npm installed as its peer) attaches the bank account, records
// the ACH mandate and debits it, and re-runs create no duplicates.
import assert from 'node:assert/strict';
import { createPlaidClient, InputValidationError } from '@achbridge/core';
import { startEmulator } from '@achbridge/emulator';
import { createStripeAdapter, StripeApiError } from '@achbridge/stripe';

const emulator = await startEmulator();
try {
  const plaid = createPlaidClient({
    environment: 'sandbox',
    baseUrl: emulator.plaid.baseUrl,
    clientId: emulator.plaid.clientId,
    secret: emulator.plaid.secret,
  });
  const adapter = createStripeAdapter({
    plaid,
    stripe: {
      secretKey: emulator.stripe.secretKey,
      host: emulator.stripe.host,
      port: emulator.stripe.port,
      protocol: emulator.stripe.protocol,
    },
  });

  // What Plaid Link would hand the browser: a public token and the chosen checking account.
  const sandboxToken = await plaid.sandbox.createPublicToken({
    institutionId: 'ins_109508',
    initialProducts: ['auth'],
  });
  const { accessToken, itemId } = await plaid.exchangePublicToken({ publicToken: sandboxToken.publicToken });
  const { accounts } = await plaid.getAccounts({ accessToken });
  const checking = accounts.find((account) => account.subtype === 'checking');
  assert.ok(checking, 'the sandbox item has a checking account');
  const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(itemId);

  const linked = await adapter.link({
    publicToken,
    accountId: checking.accountId,
    customer: { email: 'jane@example.com', name: 'Jane Doe' },
  });
  assert.equal(linked.processor, 'stripe');
  assert.equal(linked.itemId, itemId);
  assert.equal(linked.created, true);
  assert.match(linked.customerId, /^cus_/);
  assert.match(linked.bankAccount.id, /^ba_/);

  // Re-running (here with the access token, as after a crash) finds the same bank account.
  const again = await adapter.link({
    accessToken,
    accountId: checking.accountId,
    customer: { id: linked.customerId },
  });
  assert.equal(again.created, false);
  assert.equal(again.bankAccount.id, linked.bankAccount.id);

  const mandate = await adapter.createMandate({
    customerId: linked.customerId,
    bankAccountId: linked.bankAccount.id,
    acceptance: { type: 'online', ipAddress: '203.0.113.7', userAgent: 'achbridge-publish-smoke' },
  });
  assert.equal(mandate.status, 'succeeded');
  assert.ok(mandate.mandateId?.startsWith('mandate_'), 'the SetupIntent produced a mandate');

  const paymentInput = {
    customerId: linked.customerId,
    bankAccountId: linked.bankAccount.id,
    amount: 1250,
    mandateId: mandate.mandateId,
    idempotencyKey: 'smoke-order-1',
  };
  const payment = await adapter.createAchPayment(paymentInput);
  assert.ok(['processing', 'succeeded'].includes(payment.status), `payment status ${payment.status}`);
  assert.equal(payment.amount, 1250);
  const repeated = await adapter.createAchPayment(paymentInput);
  assert.equal(
    repeated.paymentIntentId,
    payment.paymentIntentId,
    'the same idempotency key never debits twice',
  );
  const read = await adapter.getPayment(payment.paymentIntentId);
  assert.equal(read.paymentIntentId, payment.paymentIntentId);

  // Typed errors cross the package boundary intact.
  await assert.rejects(adapter.createAchPayment({ ...paymentInput, amount: -5 }), (error) =>
    InputValidationError.isInstance(error),
  );
  await assert.rejects(adapter.getPayment('pi_doesnotexist'), (error) => StripeApiError.isInstance(error));
  console.log(
    `flow stripe: ${linked.bankAccount.id} attached to ${linked.customerId}, mandate ${mandate.mandateId},` +
      ` payment ${payment.paymentIntentId} ${payment.status}; re-runs made no duplicates`,
  );
} finally {
  await emulator.close();
}
