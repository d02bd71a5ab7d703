import { createUuid } from '../ids.js';
import { LINK_TOKEN_TTL_MS, UPDATE_LINK_TOKEN_TTL_MS } from './plaid-context.js';
import { plaidError } from './plaid-errors.js';
import { accessTokenSha256, mintPublicToken, requireItem } from './plaid-items.js';
import { ACCESS_TOKEN_ONLY, ITEM_PUBLIC_TOKEN_EXCHANGE, LINK_TOKEN_CREATE } from './plaid-request-schemas.js';
import type { PlaidRoute } from './plaid-route.js';
import { emitInitialTransactionsWebhooks } from './plaid-transactions-webhooks.js';

/** `POST /item/public_token/exchange`: single use, 30 minutes, sandbox tokens only; a `transactions` Item's first exchange sends INITIAL_UPDATE and HISTORICAL_UPDATE. */
export const itemPublicTokenExchange: PlaidRoute = {
  fields: ITEM_PUBLIC_TOKEN_EXCHANGE,
  handle(context, body) {
    const publicToken = body['public_token'] as string;
    if (!/^public-[a-z]+-.+/.test(publicToken)) {
      throw plaidError(
        'INVALID_PUBLIC_TOKEN',
        'provided public token is in an invalid format. expected format: public-<environment>-<identifier>',
      );
    }
    const record = context.state.publicTokens.get(publicToken);
    const item = record === undefined ? undefined : context.state.items.get(record.itemId);
    if (record === undefined || item === undefined) throw plaidError('INVALID_PUBLIC_TOKEN');
    if (record.exchanged) {
      throw plaidError('INVALID_PUBLIC_TOKEN', 'provided public token has already been exchanged');
    }
    if (context.clock.now() >= record.expiresAt) {
      throw plaidError(
        'INVALID_PUBLIC_TOKEN',
        'provided public token is expired. Public tokens expire 30 minutes after creation at which point they can no longer be exchanged',
      );
    }
    record.exchanged = true;
    if (item.accessToken === null) {
      // Null for a new Item, and for one exchanged before a restart from a state file (which keeps only the
      // token's hash): then a new token is minted and the old one keeps working too.
      const first = item.accessTokenSha256 === null;
      item.accessToken = `access-sandbox-${createUuid()}`;
      item.accessTokenSha256 = accessTokenSha256(item.accessToken);
      context.state.itemsByAccessToken.set(item.accessTokenSha256, item);
      if (first) emitInitialTransactionsWebhooks(context, item);
    }
    return { access_token: item.accessToken, item_id: item.itemId };
  },
};

/** `POST /item/public_token/create`: a public token for an existing Item (legacy update mode). */
export const itemPublicTokenCreate: PlaidRoute = {
  fields: ACCESS_TOKEN_ONLY,
  handle(context, body) {
    const item = requireItem(context, body['access_token'] as string, false);
    const minted = mintPublicToken(context, item);
    return { public_token: minted.token, expiration: new Date(minted.expiresAt).toISOString() };
  },
};

/** `POST /link/token/create`: new-Item (4 h) or update-mode (30 min, with `access_token`) link tokens. */
export const linkTokenCreate: PlaidRoute = {
  fields: LINK_TOKEN_CREATE,
  handle(context, body) {
    if (body['user'] === undefined && body['user_id'] === undefined) {
      throw plaidError('MISSING_FIELDS', 'the following required fields are missing: user');
    }
    const accessToken = body['access_token'] as string | null | undefined;
    const item = typeof accessToken === 'string' ? requireItem(context, accessToken, false) : undefined;
    const products = (body['products'] as string[] | null | undefined) ?? [];
    if (item === undefined && products.length === 0) {
      throw plaidError(
        'INVALID_FIELD',
        'products must contain at least one product unless access_token is provided (update mode)',
      );
    }
    if (products.includes('balance')) {
      throw plaidError(
        'INVALID_FIELD',
        'balance is not a valid product for products; it is always available',
      );
    }
    const now = context.clock.now();
    const expiresAt = now + (item === undefined ? LINK_TOKEN_TTL_MS : UPDATE_LINK_TOKEN_TTL_MS);
    const token = `link-sandbox-${createUuid()}`;
    context.state.linkTokens.set(token, {
      createdAt: now,
      expiresAt,
      itemId: item?.itemId ?? null,
      products: item === undefined ? [...products] : [...item.billedProducts],
      webhook: (body['webhook'] as string | undefined) ?? null,
      countryCodes: [...(body['country_codes'] as string[])],
    });
    return { link_token: token, expiration: new Date(expiresAt).toISOString() };
  },
};
