import type { PlaidClientSettings } from '@achbridge/core';
import { checkAuthSupport, createPlaidClient, describePlaidError, PlaidApiError } from '@achbridge/core';

/** Checks that a bank works with Stripe and Dwolla, links a Sandbox Item and reads its ACH numbers. */
export async function quickstart(settings: PlaidClientSettings = {}) {
  const plaid = createPlaidClient({ environment: 'sandbox', ...settings }); // PLAID_CLIENT_ID / PLAID_SECRET
  const institutionId = 'ins_109508'; // First Platypus Bank, a Sandbox institution

  // Stripe and Dwolla ACH need a US bank with Plaid Auth: ask before you send the user to Link.
  const support = await checkAuthSupport(plaid, { institutionId, countryCodes: ['US'] });
  if (!support.processors.stripe.compatible) throw new Error(support.processors.stripe.reason);

  // In your app, Link's onSuccess gives you the public token. In Sandbox you can create one without Link.
  const { publicToken } = await plaid.sandbox.createPublicToken({ institutionId, initialProducts: ['auth'] });
  const { accessToken, itemId } = await plaid.exchangePublicToken({ publicToken }); // once; store it encrypted
  const { numbers } = await plaid.getAuth({ accessToken }); // numbers.ach: [{ accountId, account, routing }]

  // Plaid errors are typed and carry advice. The Sandbox password `error_<CODE>` fails with that code.
  const failure = await plaid.sandbox
    .createPublicToken({ institutionId, initialProducts: ['auth'], overridePassword: 'error_ITEM_LOCKED' })
    .catch((error: unknown) => error);
  if (PlaidApiError.isInstance(failure)) {
    console.warn(failure.errorCode, failure.category, failure.remediation); // ITEM_LOCKED user_action ...
  }

  // Link's onExit hands you only an error code: the catalog says who has to act and what to do.
  const advice = describePlaidError('INVALID_CREDENTIALS'); // { category: 'user_action', remediation, ... }
  return { support, itemId, ach: numbers.ach, failure, advice };
}
