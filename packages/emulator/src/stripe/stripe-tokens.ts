import {
  bankAccountFingerprint,
  isTokenUsed,
  resolveBankToken,
  STRIPE_TEST_BANK_NAME,
} from './stripe-bank-tokens.js';
import type { StripeHandler } from './stripe-context.js';
import { checkStripeParams } from './stripe-field-errors.js';

/** `GET /v1/tokens/{token}`: retrieves a bank account token (`used` turns true once it is attached). */
export const retrieveToken: StripeHandler = (context) => {
  checkStripeParams(context.params, { fields: {}, expand: 'token' });
  const token = resolveBankToken(context, context.pathParams['token'] as string, {
    param: 'token',
    inPath: true,
  });
  return {
    status: 200,
    body: {
      id: token.id,
      object: 'token',
      bank_account: {
        id: token.bankAccountId,
        object: 'bank_account',
        account_holder_name: token.accountHolderName,
        account_holder_type: token.accountHolderType,
        account_type: token.accountType,
        bank_name: STRIPE_TEST_BANK_NAME,
        country: 'US',
        currency: 'usd',
        fingerprint: bankAccountFingerprint(token.routingNumber, token.accountNumber),
        last4: token.accountNumber.slice(-4),
        routing_number: token.routingNumber,
        status: 'verified',
      },
      client_ip: null,
      created: token.created,
      livemode: token.livemode,
      type: 'bank_account',
      used: isTokenUsed(context, token),
    },
  };
};
