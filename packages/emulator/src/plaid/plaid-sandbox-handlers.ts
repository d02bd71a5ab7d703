import type { PlaidContext } from './plaid-context.js';
import { plaidError } from './plaid-errors.js';
import type { PlaidInstitution } from './plaid-institutions.js';
import { findInstitution } from './plaid-institutions.js';
import { createItem, mintPublicToken, requireItem } from './plaid-items.js';
import { ACCESS_TOKEN_ONLY, SANDBOX_PUBLIC_TOKEN_CREATE } from './plaid-request-schemas.js';
import type { PlaidBody, PlaidRoute } from './plaid-route.js';
import { applySandboxCredentials } from './plaid-sandbox-credentials.js';
import type { PlaidItem } from './plaid-state.js';

/** Finds an institution or throws INVALID_INSTITUTION. */
export function requireInstitution(id: string): PlaidInstitution {
  const institution = findInstitution(id);
  if (institution === undefined) throw plaidError('INVALID_INSTITUTION');
  return institution;
}

/** Throws PRODUCTS_NOT_SUPPORTED unless `institution` supports every product. */
export function requireProducts(institution: PlaidInstitution, products: readonly string[]): void {
  const unsupported = products.filter((product) => !institution.products.includes(product));
  if (unsupported.length > 0) {
    throw plaidError(
      'PRODUCTS_NOT_SUPPORTED',
      `the following products are not supported by this institution: ${unsupported.join(', ')}`,
    );
  }
}

/** Puts `item` into ITEM_LOGIN_REQUIRED and records the ITEM/ERROR webhook. */
export function forceLoginRequired(context: PlaidContext, item: PlaidItem): void {
  const error = plaidError('ITEM_LOGIN_REQUIRED').fields;
  item.error = error;
  context.webhooks.emit(item, {
    webhook_type: 'ITEM',
    webhook_code: 'ERROR',
    error: { ...error, status: 400 },
  });
}

/** `POST /sandbox/public_token/create`: creates an Item with Sandbox credentials and returns its public token. */
export const sandboxPublicTokenCreate: PlaidRoute = {
  fields: SANDBOX_PUBLIC_TOKEN_CREATE,
  handle(context, body: PlaidBody) {
    const institution = requireInstitution(body['institution_id'] as string);
    const products = body['initial_products'] as string[];
    requireProducts(institution, products);
    const options = (body['options'] ?? {}) as Record<string, unknown>;
    const login = applySandboxCredentials(
      (options['override_username'] as string | null | undefined) ?? 'user_good',
      (options['override_password'] as string | null | undefined) ?? 'pass_good',
    );
    const item = createItem(context, {
      institution,
      products,
      webhook: (options['webhook'] as string | undefined) ?? null,
      microDeposits: login.microDeposits,
    });
    return { public_token: mintPublicToken(context, item).token };
  },
};

/** `POST /sandbox/item/reset_login`: forces ITEM_LOGIN_REQUIRED on the Item. */
export const sandboxItemResetLogin: PlaidRoute = {
  fields: ACCESS_TOKEN_ONLY,
  handle(context, body) {
    forceLoginRequired(context, requireItem(context, body['access_token'] as string, false));
    return { reset_login: true };
  },
};
