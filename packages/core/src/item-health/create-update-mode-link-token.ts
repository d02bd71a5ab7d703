import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import type { PlaidClient } from '../plaid/plaid-client-types.js';
import { parseInput } from '../validate.js';
import { accessTokenSchema } from './access-token-schema.js';

/** Input of `createUpdateModeLinkToken`. */
export interface CreateUpdateModeLinkTokenInput {
  /** A PlaidClient (from `createPlaidClient`); only `createLinkToken` is used. */
  plaid: Pick<PlaidClient, 'createLinkToken'>;
  /** The access token of the Item to repair. */
  accessToken: string;
  /** Your app's name as Link shows it. */
  clientName: string;
  /** Your stable id for the user (not PII). */
  clientUserId: string;
  /** Country codes (default `['US']`). */
  countryCodes?: string[];
  /** Link language (default `en`). */
  language?: string;
  /**
   * Sent as the link token's `webhook`. Plaid's spec: "In update mode, this field will not have an effect"; to
   * move an existing Item's webhook call `plaid.updateItemWebhook({ accessToken, webhook })` instead.
   */
  webhook?: string;
  /** OAuth redirect URI registered in the Plaid Dashboard. */
  redirectUri?: string;
  /** Lets the user add or remove accounts (answering NEW_ACCOUNTS_AVAILABLE). */
  accountSelectionEnabled?: boolean;
  /** Aborts the call. */
  signal?: AbortSignal;
}

/** The update-mode link token. */
export interface UpdateModeLinkToken {
  /** Pass to Link's `token`; it expires after 30 minutes. */
  linkToken: string;
  /** When the link token expires (ISO 8601). */
  expiration: string;
  /** Plaid's request id. */
  requestId: string;
}

const nonEmpty = lazySchema(() => z.string().trim().min(1, 'must be a non-empty string'));

const inputSchema = lazySchema(() =>
  z.object({
    plaid: z.custom<Pick<PlaidClient, 'createLinkToken'>>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as { createLinkToken?: unknown }).createLinkToken === 'function',
      { message: 'expected a PlaidClient (from createPlaidClient)' },
    ),
    accessToken: accessTokenSchema(),
    clientName: nonEmpty().max(30, 'must be at most 30 characters (Plaid limit)'),
    clientUserId: nonEmpty(),
    countryCodes: z.array(nonEmpty()).min(1, 'must list at least one country code').optional(),
    language: nonEmpty().optional(),
    webhook: nonEmpty().optional(),
    redirectUri: nonEmpty().optional(),
    accountSelectionEnabled: z.boolean().optional(),
    signal: z.instanceof(AbortSignal, { message: 'expected an AbortSignal' }).optional(),
    products: z
      .undefined({
        error: 'must be omitted: update mode repairs the existing Item, which keeps its products',
      })
      .optional(),
  }),
);

/**
 * Creates a Link token in update mode for an existing Item (the FAQ's re-authentication flow, e.g. after
 * ITEM_LOGIN_REQUIRED or before consent expires). Open Link with it; onSuccess needs no token exchange
 * because the Item's access_token does not change.
 */
export async function createUpdateModeLinkToken(
  input: CreateUpdateModeLinkTokenInput,
): Promise<UpdateModeLinkToken> {
  const {
    plaid,
    signal,
    products: _products,
    ...fields
  } = parseInput('createUpdateModeLinkToken', inputSchema(), input);
  const request: Parameters<PlaidClient['createLinkToken']>[0] = {
    clientName: fields.clientName,
    clientUserId: fields.clientUserId,
    accessToken: fields.accessToken,
  };
  if (fields.countryCodes !== undefined) request.countryCodes = fields.countryCodes;
  if (fields.language !== undefined) request.language = fields.language;
  if (fields.webhook !== undefined) request.webhook = fields.webhook;
  if (fields.redirectUri !== undefined) request.redirectUri = fields.redirectUri;
  if (fields.accountSelectionEnabled !== undefined)
    request.accountSelectionEnabled = fields.accountSelectionEnabled;
  const answer = await plaid.createLinkToken(request, signal ? { signal } : undefined);
  return { linkToken: answer.linkToken, expiration: answer.expiration, requestId: answer.requestId };
}
