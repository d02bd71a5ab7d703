import { accountView, isAuthEligible, SANDBOX_ROUTING, SANDBOX_WIRE_ROUTING } from './plaid-accounts.js';
import { plaidError } from './plaid-errors.js';
import { findInstitution } from './plaid-institutions.js';
import { billProduct, itemView, requireAccount, requireItem } from './plaid-items.js';
import { ACCOUNTS_GET } from './plaid-request-schemas.js';
import type { PlaidBody, PlaidRoute } from './plaid-route.js';
import type { PlaidAccount, PlaidItem } from './plaid-state.js';

/** The ISO currency of an Item's accounts. */
export function itemCurrency(item: PlaidItem): string {
  return item.countryCode === 'CA' ? 'CAD' : 'USD';
}

function selectAccounts(item: PlaidItem, body: PlaidBody): PlaidAccount[] {
  const options = body['options'] as { account_ids?: string[] } | undefined;
  const ids = options?.account_ids;
  if (ids === undefined) return item.accounts;
  return ids.map((id) => requireAccount(item, id));
}

/** Throws unless Auth can be used on `item`: institution support, then micro-deposit verification. */
export function requireAuthReady(item: PlaidItem): void {
  const institution = findInstitution(item.institutionId);
  if (institution === undefined || !institution.products.includes('auth')) {
    throw plaidError(
      'PRODUCTS_NOT_SUPPORTED',
      'the following products are not supported by this institution: auth',
    );
  }
  if (item.accounts.some((account) => account.verificationStatus === 'pending_automatic_verification')) {
    throw plaidError('PRODUCT_NOT_READY');
  }
}

/** `POST /accounts/get`. */
export const accountsGet: PlaidRoute = {
  fields: ACCOUNTS_GET,
  handle(context, body) {
    const item = requireItem(context, body['access_token'] as string, true);
    const currency = itemCurrency(item);
    return {
      accounts: selectAccounts(item, body).map((account) => accountView(account, currency)),
      item: itemView(item, false),
    };
  },
};

/** `POST /auth/get`: checking and savings accounts with ACH numbers (EFT numbers for Canadian Items). */
export const authGet: PlaidRoute = {
  fields: ACCOUNTS_GET,
  handle(context, body) {
    const item = requireItem(context, body['access_token'] as string, true);
    requireAuthReady(item);
    const selected = selectAccounts(item, body);
    const explicit = (body['options'] as { account_ids?: string[] } | undefined)?.account_ids !== undefined;
    const ineligible = selected.find((account) => !isAuthEligible(account));
    if (explicit && ineligible !== undefined) {
      throw plaidError(
        'INVALID_ACCOUNT_ID',
        `the account_id ${ineligible.account_id} is not a checking or savings account`,
      );
    }
    const accounts = selected.filter(isAuthEligible);
    if (accounts.length === 0) throw plaidError('NO_AUTH_ACCOUNTS');
    billProduct(item, 'auth');
    const currency = itemCurrency(item);
    const canadian = item.countryCode === 'CA';
    const ach = canadian
      ? []
      : accounts.map((account) => ({
          account_id: account.account_id,
          account: account.accountNumber,
          routing: SANDBOX_ROUTING,
          wire_routing: SANDBOX_WIRE_ROUTING,
          is_tokenized_account_number: account.tokenized,
        }));
    const eft = canadian
      ? accounts.map((account) => ({
          account_id: account.account_id,
          account: account.accountNumber,
          institution: '021',
          branch: '01140',
        }))
      : [];
    return {
      accounts: accounts.map((account) => accountView(account, currency)),
      numbers: { ach, eft, international: [], bacs: [] },
      item: itemView(item, false),
    };
  },
};
