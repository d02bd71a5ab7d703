import { createPlaidClient, type PlaidClientSettings } from '@achbridge/core';
import { createStripeAdapter, type StripeClientSettings } from '@achbridge/stripe';

/** Links a Sandbox bank account to a Stripe customer, records the mandate and debits $10.99. */
export async function quickstart(plaidSettings: PlaidClientSettings, stripeSettings: StripeClientSettings) {
  const plaid = createPlaidClient({ environment: 'sandbox', ...plaidSettings });
  const stripe = createStripeAdapter({ plaid, stripe: stripeSettings }); // checks sk_test_ <-> Sandbox

  // In your app, Link's onSuccess gives you { publicToken, accountId }; pass them to link() as they are.
  // In Sandbox you can create an Item without Link:
  const { publicToken } = await plaid.sandbox.createPublicToken({
    institutionId: 'ins_109508',
    initialProducts: ['auth'],
  });
  const { accessToken } = await plaid.exchangePublicToken({ publicToken }); // store it, encrypted
  const { accounts } = await plaid.getAccounts({ accessToken });
  const accountId = accounts.find((account) => account.subtype === 'checking')?.accountId ?? '';

  const linked = await stripe.link({ accessToken, accountId, customer: { email: 'ada@example.com' } });
  const bank = { customerId: linked.customerId, bankAccountId: linked.bankAccount.id };
  const mandate = await stripe.createMandate({
    ...bank,
    acceptance: { type: 'online', ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0' },
  });
  const payment = await stripe.createAchPayment({
    ...bank,
    amount: 1099, // cents
    mandateId: mandate.mandateId,
    idempotencyKey: 'order-1001', // the same key never debits twice within Stripe's 24 h key window
  });
  return { linked, mandate, payment }; // payment.status: 'processing' until ACH settles (days)
}
