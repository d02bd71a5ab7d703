import { createUuid, randomAlphanumeric } from '../ids.js';
import type { BankAccountDetails } from '../types.js';
import { requireAuthReady } from './plaid-account-handlers.js';
import { SANDBOX_ROUTING } from './plaid-accounts.js';
import type { PlaidContext } from './plaid-context.js';
import { PLAID_PROCESSORS } from './plaid-enums.js';
import { plaidError } from './plaid-errors.js';
import { requireAccount, requireItem } from './plaid-items.js';
import { PROCESSOR_STRIPE_TOKEN_CREATE, PROCESSOR_TOKEN_CREATE } from './plaid-request-schemas.js';
import type { PlaidBody, PlaidRoute } from './plaid-route.js';
import type { PlaidAccount, PlaidItem } from './plaid-state.js';

/** Stripe's test bank account that every Plaid Sandbox btok is bound to (Plaid's Stripe FAQ). */
export const STRIPE_TEST_ACCOUNT = { accountNumber: '000123456789', routingNumber: '110000000' } as const;
/**
 * The bridge kind Plaid mints Stripe bank account tokens (`btok_…`) under; the Stripe module declares the same
 * name as a kind it consumes.
 */
export const STRIPE_BANK_ACCOUNT_TOKEN_KIND = 'stripe_bank_account_token';
/** Plaid Sandbox's identity name for `user_good`. */
export const SANDBOX_HOLDER_NAME = 'Alberta Bobbeth Charleson';

function requireEligibleAccount(
  context: PlaidContext,
  body: PlaidBody,
): { item: PlaidItem; account: PlaidAccount } {
  const item = requireItem(context, body['access_token'] as string, true);
  const account = requireAccount(item, body['account_id'] as string);
  requireAuthReady(item);
  if (account.type !== 'depository' || (account.subtype !== 'checking' && account.subtype !== 'savings')) {
    throw plaidError(
      'INVALID_ACCOUNT_ID',
      `the account_id ${account.account_id} is not a checking or savings account`,
    );
  }
  return { item, account };
}

function details(
  item: PlaidItem,
  account: PlaidAccount,
  routingNumber: string,
  accountNumber: string,
): BankAccountDetails {
  return {
    itemId: item.itemId,
    accountId: account.account_id,
    institutionId: item.institutionId,
    institutionName: item.institutionName,
    accountName: account.name,
    accountMask: accountNumber.slice(-4),
    accountType: account.subtype === 'savings' ? 'savings' : 'checking',
    routingNumber,
    accountNumber,
    holderName: SANDBOX_HOLDER_NAME,
    tokenized: account.tokenized,
  };
}

/** `POST /processor/stripe/bank_account_token/create`: a test-mode btok bound to Stripe's test account. */
export const processorStripeBankAccountTokenCreate: PlaidRoute = {
  fields: PROCESSOR_STRIPE_TOKEN_CREATE,
  handle(context, body) {
    const { item, account } = requireEligibleAccount(context, body);
    const token = `btok_${randomAlphanumeric(24)}`;
    const now = context.clock.now();
    // A TAN bank's btok carries that Item's tokenized number, so its Stripe fingerprint differs per Item.
    context.bridge.mint(
      STRIPE_BANK_ACCOUNT_TOKEN_KIND,
      token,
      details(
        item,
        account,
        STRIPE_TEST_ACCOUNT.routingNumber,
        account.tokenized && account.accountNumber !== null
          ? account.accountNumber
          : STRIPE_TEST_ACCOUNT.accountNumber,
      ),
      now,
    );
    context.state.processorTokens.set(token, {
      itemId: item.itemId,
      accountId: account.account_id,
      processor: 'stripe',
      createdAt: now,
    });
    return { stripe_bank_account_token: token };
  },
};

/**
 * The processor names `/processor/token/create` accepts: the spec's and plaid 47's, plus the one enabled for
 * processor-token route of a module that declared it enabled on the bridge (Stripe's `tuning.stripePlaidProcessor`), like a partner enabled in the Plaid Dashboard.
 */
function requireKnownProcessor(context: PlaidContext, processor: string): void {
  const enabled = context.bridge.enabledProcessors().filter((name) => !PLAID_PROCESSORS.includes(name));
  if (PLAID_PROCESSORS.includes(processor) || enabled.includes(processor)) return;
  const names = [...PLAID_PROCESSORS, ...enabled];
  throw plaidError('INVALID_FIELD', `processor must be one of the following values: ${names.join(', ')}`);
}

/** `POST /processor/token/create`: any spec processor is accepted; each token is registered in the bridge under its processor's name. */
export const processorTokenCreate: PlaidRoute = {
  fields: PROCESSOR_TOKEN_CREATE,
  handle(context, body) {
    const processor = body['processor'] as string;
    requireKnownProcessor(context, processor);
    const { item, account } = requireEligibleAccount(context, body);
    const token = `processor-sandbox-${createUuid()}`;
    const now = context.clock.now();
    context.bridge.mint(
      processor,
      token,
      details(item, account, SANDBOX_ROUTING, account.accountNumber ?? ''),
      now,
    );
    context.state.processorTokens.set(token, {
      itemId: item.itemId,
      accountId: account.account_id,
      processor,
      createdAt: now,
    });
    return { processor_token: token };
  },
};
