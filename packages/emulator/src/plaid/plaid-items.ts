import { createHash } from 'node:crypto';
import { createUuid, randomAlphanumeric } from '../ids.js';
import { createSandboxAccounts } from './plaid-accounts.js';
import { MICRODEPOSIT_VERIFICATION_MS, type PlaidContext, PUBLIC_TOKEN_TTL_MS } from './plaid-context.js';
import { plaidError } from './plaid-errors.js';
import type { PlaidInstitution } from './plaid-institutions.js';
import type { PlaidAccount, PlaidItem } from './plaid-state.js';

/** What a new Item is created from. */
export interface NewItemInput {
  institution: PlaidInstitution;
  products: readonly string[];
  webhook: string | null;
  microDeposits: boolean;
}

/** Creates and stores a new Item with fresh accounts. */
export function createItem(context: PlaidContext, input: NewItemInput): PlaidItem {
  const billed = [...new Set(input.products)];
  const item: PlaidItem = {
    itemId: randomAlphanumeric(37),
    institutionId: input.institution.institution_id,
    institutionName: input.institution.name,
    countryCode: input.institution.country_codes[0] ?? 'US',
    webhook: input.webhook,
    billedProducts: billed,
    availableProducts: input.institution.products.filter((product) => !billed.includes(product)),
    authMethod: input.microDeposits
      ? 'AUTOMATED_MICRODEPOSITS'
      : billed.includes('auth')
        ? 'INSTANT_AUTH'
        : null,
    error: null,
    accounts: createSandboxAccounts(input.microDeposits, input.institution),
    createdAt: context.clock.now(),
    accessToken: null,
    accessTokenSha256: null,
    verifiesAt: input.microDeposits ? context.clock.now() + MICRODEPOSIT_VERIFICATION_MS : null,
  };
  context.state.items.set(item.itemId, item);
  return item;
}

/** Mints a single-use public token for `item`, valid for 30 emulated minutes. */
export function mintPublicToken(
  context: PlaidContext,
  item: PlaidItem,
): { token: string; expiresAt: number } {
  const token = `public-sandbox-${createUuid()}`;
  const now = context.clock.now();
  const expiresAt = now + PUBLIC_TOKEN_TTL_MS;
  context.state.publicTokens.set(token, { itemId: item.itemId, createdAt: now, expiresAt, exchanged: false });
  return { token, expiresAt };
}

/** Digests of the access tokens seen lately (in memory only): every Plaid data call looks its Item up by one. */
const recentDigests = new Map<string, string>();
const MAX_RECENT_DIGESTS = 1024;

/** SHA-256 (hex) of an access token: the emulator finds Items by it, so a state file never holds the token. */
export function accessTokenSha256(accessToken: string): string {
  const known = recentDigests.get(accessToken);
  if (known !== undefined) return known;
  const digest = createHash('sha256').update(accessToken).digest('hex');
  if (recentDigests.size >= MAX_RECENT_DIGESTS) recentDigests.clear();
  recentDigests.set(accessToken, digest);
  return digest;
}

/** Looks up the Item behind `accessToken`; `forData` also refuses Items that need a login. */
export function requireItem(context: PlaidContext, accessToken: string, forData: boolean): PlaidItem {
  if (!/^access-[a-z]+-.+/.test(accessToken)) {
    throw plaidError(
      'INVALID_ACCESS_TOKEN',
      'provided access token is in an invalid format. expected format: access-<environment>-<identifier>',
    );
  }
  const item = context.state.itemsByAccessToken.get(accessTokenSha256(accessToken));
  if (item === undefined) throw plaidError('INVALID_ACCESS_TOKEN');
  refreshVerification(context, item);
  refreshLoginExpiry(context, item);
  if (forData && item.error !== null) {
    throw plaidError(item.error.error_code, item.error.error_message);
  }
  return item;
}

/** Finds `accountId` on `item` or throws INVALID_ACCOUNT_ID. */
export function requireAccount(item: PlaidItem, accountId: string): PlaidAccount {
  const account = item.accounts.find((candidate) => candidate.account_id === accountId);
  if (account === undefined) {
    throw plaidError('INVALID_ACCOUNT_ID', `the account_id ${accountId} is not associated with this item`);
  }
  return account;
}

/** Completes automated micro-deposit verification once its emulated time has come (fires AUTOMATICALLY_VERIFIED). */
export function refreshVerification(context: PlaidContext, item: PlaidItem): void {
  if (item.verifiesAt === null || context.clock.now() < item.verifiesAt) return;
  item.verifiesAt = null;
  for (const account of item.accounts) {
    if (account.verificationStatus !== 'pending_automatic_verification') continue;
    account.verificationStatus = 'automatically_verified';
    context.webhooks.emit(item, {
      webhook_type: 'AUTH',
      webhook_code: 'AUTOMATICALLY_VERIFIED',
      account_id: account.account_id,
      error: null,
    });
  }
}

/**
 * How long a Sandbox Item's login lasts. Plaid's spec, `/sandbox/item/reset_login`: "In the Sandbox, Items will
 * transition to an `ITEM_LOGIN_REQUIRED` error state automatically after 30 days, even if this endpoint is not
 * called."
 */
export const SANDBOX_LOGIN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Moves an Item into ITEM_LOGIN_REQUIRED (with the ITEM/ERROR webhook) once 30 emulated days have passed since
 * it was created or last repaired. Evaluated lazily, when the Item is next used, like micro-deposit verification.
 */
export function refreshLoginExpiry(context: PlaidContext, item: PlaidItem): void {
  const expiresAt =
    item.loginExpiresAt === undefined ? item.createdAt + SANDBOX_LOGIN_LIFETIME_MS : item.loginExpiresAt;
  if (expiresAt === null || context.clock.now() < expiresAt) return;
  item.loginExpiresAt = null;
  if (item.error !== null) return;
  const error = plaidError('ITEM_LOGIN_REQUIRED').fields;
  item.error = error;
  context.webhooks.emit(item, {
    webhook_type: 'ITEM',
    webhook_code: 'ERROR',
    error: { ...error, status: 400 },
  });
}

/** Marks `product` billed (first use of a product on an Item). */
export function billProduct(item: PlaidItem, product: string): void {
  if (item.billedProducts.includes(product)) return;
  item.billedProducts.push(product);
  item.availableProducts = item.availableProducts.filter((candidate) => candidate !== product);
}

/** Plaid's `Item` object (`withConsentFields` adds `/item/get`'s extra fields). */
export function itemView(item: PlaidItem, withConsentFields: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = {
    item_id: item.itemId,
    institution_id: item.institutionId,
    institution_name: item.institutionName,
    webhook: item.webhook,
    auth_method: item.authMethod,
    error: item.error === null ? null : { ...item.error },
    available_products: [...item.availableProducts],
    billed_products: [...item.billedProducts],
    products: [...item.billedProducts],
    consented_products: [...item.billedProducts],
    consent_expiration_time: null,
    update_type: 'background',
  };
  if (withConsentFields) view['created_at'] = new Date(item.createdAt).toISOString();
  return view;
}

/** Removes `item` and everything derived from it (access token, public tokens, processor tokens, btoks). */
export function removeItem(context: PlaidContext, item: PlaidItem): void {
  const { state } = context;
  state.items.delete(item.itemId);
  for (const [hash, holder] of state.itemsByAccessToken) {
    if (holder === item) state.itemsByAccessToken.delete(hash);
  }
  for (const [token, record] of state.publicTokens) {
    if (record.itemId === item.itemId) state.publicTokens.delete(token);
  }
  for (const [token, record] of state.processorTokens) {
    if (record.itemId === item.itemId) state.processorTokens.delete(token);
  }
  state.removedItemIds.push(item.itemId);
  context.bridge.revokeItem(item.itemId);
}
