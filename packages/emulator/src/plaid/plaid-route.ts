import type { PlaidContext } from './plaid-context.js';
import type { PlaidBody, PlaidFields } from './plaid-schema.js';

/** One Plaid endpoint: its request fields and a handler returning the success body (without request_id). */
export interface PlaidRoute {
  fields: PlaidFields;
  handle(context: PlaidContext, body: PlaidBody): Record<string, unknown>;
}
