import { controlError, parseControlJson } from '../control/control-json.js';
import { EmulatorInputError } from '../emulator-errors.js';
import { readObject, readOptionalString, rejectUnknownKeys } from '../input-validation.js';
import type { EmulatorRequest, EmulatorResponse } from '../types.js';
import type { MtContext } from './mt-context.js';
import { paymentOrderStatusAt } from './mt-payment-lifecycle.js';
import { paymentOrderView } from './mt-views.js';

const RETURN_ROUTE = /^\/payment-orders\/([^/]+)\/return$/;

/**
 * Modern Treasury control routes under `/__emulator/modern-treasury`:
 * `POST /payment-orders/:id/return` with `{ "code": "R01" }` (default R01) returns a sent or completed
 * payment order now, as a receiving bank's return would (the sandbox's own way, an account number
 * `100XX`, is also modelled; Plaid-linked accounts carry Plaid's numbers, hence this route).
 */
export function handleMtControl(context: MtContext, request: EmulatorRequest): EmulatorResponse {
  try {
    const match = RETURN_ROUTE.exec(request.path);
    if (!match || request.method !== 'POST') {
      return controlError(404, 'not_found', `No control route ${request.method} ${request.path}.`);
    }
    const id = decodeURIComponent(match[1] as string);
    const order = context.state.paymentOrders.get(id);
    if (order === undefined) return controlError(404, 'payment_order_not_found', `No payment order ${id}.`);
    const body = readObject(parseControlJson(request), 'body');
    rejectUnknownKeys(body, ['code'], 'body');
    const code = readOptionalString(body['code'], 'code') ?? 'R01';
    if (!/^R\d\d$/.test(code)) throw new EmulatorInputError('code', 'must be an ACH return code such as R01');
    const now = context.clock.now();
    const { status } = paymentOrderStatusAt(order, now);
    if (status !== 'sent' && status !== 'completed') {
      return controlError(
        409,
        'payment_order_not_returnable',
        `Payment order ${id} is ${status}; only sent or completed payment orders can be returned.`,
      );
    }
    order.forcedReturn = { code, at: now };
    return { status: 200, body: { payment_order: paymentOrderView(order, now) } };
  } catch (error) {
    if (error instanceof EmulatorInputError)
      return controlError(400, 'invalid_input', error.message, error.field);
    throw error;
  }
}
