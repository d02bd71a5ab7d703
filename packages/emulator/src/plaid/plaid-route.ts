import type { FieldSpecs } from '../kernel/field-spec-types.js';
import type { PlaidContext } from './plaid-context.js';

/** A parsed Plaid request body: a JSON object whose fields passed the route's field specs. */
export type PlaidBody = Record<string, unknown>;

/** One Plaid endpoint: its request fields and a handler returning the success body (without request_id). */
export interface PlaidRoute {
  fields: FieldSpecs;
  handle(context: PlaidContext, body: PlaidBody): Record<string, unknown>;
}
