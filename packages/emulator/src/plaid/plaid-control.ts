import { controlError, parseControlJson } from '../control/control-json.js';
import { EmulatorInputError } from '../emulator-errors.js';
import { readObject, readOptionalString, rejectUnknownKeys } from '../input-validation.js';
import type { EmulatorRequest, EmulatorResponse } from '../types.js';
import type { PlaidContext } from './plaid-context.js';
import { PlaidApiError } from './plaid-errors.js';
import { createItem, itemView, mintPublicToken, SANDBOX_LOGIN_LIFETIME_MS } from './plaid-items.js';
import { applySandboxCredentials } from './plaid-sandbox-credentials.js';
import { forceLoginRequired, requireInstitution, requireProducts } from './plaid-sandbox-handlers.js';
import type { PlaidItem } from './plaid-state.js';
import { handleWebhookKeyControl } from './plaid-webhook-key-control.js';

const ITEM_ROUTE = /^\/items\/([^/]+)\/(repair|public_token|reset_login)$/;
const LINK_ROUTE = /^\/link_tokens\/([^/]+)\/complete$/;

/** Clears an Item's login error, as finishing Link update mode does, and records LOGIN_REPAIRED. */
export function repairItem(context: PlaidContext, item: PlaidItem): void {
  if (item.error === null) return;
  item.error = null;
  // A fresh login lasts another 30 Sandbox days.
  item.loginExpiresAt = context.clock.now() + SANDBOX_LOGIN_LIFETIME_MS;
  context.webhooks.emit(item, { webhook_type: 'ITEM', webhook_code: 'LOGIN_REPAIRED' });
}

/**
 * Plaid control routes under `/__emulator/plaid` (Link emulation for apps and tests):
 * `POST /items/:item_id/repair`, `POST /items/:item_id/public_token`, `POST /items/:item_id/reset_login`,
 * `POST /link_tokens/:link_token/complete`, and the webhook key routes (`GET /webhook_key`,
 * `GET /webhook-keys`, `POST /webhook-keys/rotate`, `POST /webhook-keys/:key_id/expire`).
 */
export async function handlePlaidControl(
  context: PlaidContext,
  request: EmulatorRequest,
): Promise<EmulatorResponse> {
  try {
    return route(context, request);
  } catch (error) {
    if (error instanceof EmulatorInputError)
      return controlError(400, 'invalid_input', error.message, error.field);
    if (error instanceof PlaidApiError) {
      return controlError(error.status, error.fields.error_code, error.fields.error_message);
    }
    throw error;
  }
}

function route(context: PlaidContext, request: EmulatorRequest): EmulatorResponse {
  const keyAnswer = handleWebhookKeyControl(context.keys, request);
  if (keyAnswer !== undefined) return keyAnswer;
  const itemMatch = ITEM_ROUTE.exec(request.path);
  if (itemMatch && request.method === 'POST') {
    const itemId = decodeURIComponent(itemMatch[1] as string);
    const item = context.state.items.get(itemId);
    if (item === undefined) return controlError(404, 'item_not_found', `No Plaid Item ${itemId}.`);
    const action = itemMatch[2];
    if (action === 'repair') {
      repairItem(context, item);
      return { status: 200, body: { item: itemView(item, true) } };
    }
    if (action === 'reset_login') {
      forceLoginRequired(context, item);
      return { status: 200, body: { item: itemView(item, true) } };
    }
    return { status: 200, body: newPublicToken(context, item) };
  }
  const linkMatch = LINK_ROUTE.exec(request.path);
  if (linkMatch && request.method === 'POST') {
    return completeLink(context, decodeURIComponent(linkMatch[1] as string), parseControlJson(request));
  }
  return controlError(404, 'not_found', `No Plaid control route ${request.method} ${request.path}.`);
}

/** Mints a public token for the Item, as Link's success does: `public_token`, `item_id` and `expiration`. */
function newPublicToken(context: PlaidContext, item: PlaidItem): Record<string, unknown> {
  const minted = mintPublicToken(context, item);
  return {
    public_token: minted.token,
    item_id: item.itemId,
    expiration: new Date(minted.expiresAt).toISOString(),
  };
}

function completeLink(context: PlaidContext, linkToken: string, input: unknown): EmulatorResponse {
  const body = readObject(input, 'body');
  rejectUnknownKeys(body, ['institution_id', 'username', 'password'], '');
  const record = context.state.linkTokens.get(linkToken);
  if (record === undefined) return controlError(404, 'link_token_not_found', 'Unknown link token.');
  if (context.clock.now() >= record.expiresAt)
    return controlError(400, 'link_token_expired', 'The link token has expired.');
  const login = applySandboxCredentials(
    readOptionalString(body['username'], 'username') ?? 'user_good',
    readOptionalString(body['password'], 'password') ?? 'pass_good',
  );
  let item: PlaidItem;
  if (record.itemId !== null) {
    const existing = context.state.items.get(record.itemId);
    if (existing === undefined)
      return controlError(404, 'item_not_found', 'The Item of this link token was removed.');
    repairItem(context, existing);
    item = existing;
  } else {
    const institution = requireInstitution(
      readOptionalString(body['institution_id'], 'institution_id') ?? 'ins_109508',
    );
    requireProducts(institution, record.products);
    item = createItem(context, {
      institution,
      products: record.products,
      webhook: record.webhook,
      microDeposits: login.microDeposits,
    });
  }
  return {
    status: 200,
    body: {
      ...newPublicToken(context, item),
      institution: { institution_id: item.institutionId, name: item.institutionName },
      accounts: item.accounts.map((account) => ({
        id: account.account_id,
        name: account.name,
        mask: account.mask,
        type: account.type,
        subtype: account.subtype,
        verification_status: account.verificationStatus,
      })),
    },
  };
}
