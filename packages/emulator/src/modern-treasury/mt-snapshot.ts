import { paymentOrderStatusAt } from './mt-payment-lifecycle.js';
import type { MtState } from './mt-state.js';

/** Counts and lists of the emulated Modern Treasury's state, for `GET /__emulator/state`. */
export function mtSnapshot(state: MtState, now: number): Record<string, unknown> {
  return {
    counterparties: state.counterparties.size,
    externalAccounts: state.externalAccounts.size,
    paymentOrders: state.paymentOrders.size,
    idempotencyKeys: state.idempotency.size,
    counterpartyList: [...state.counterparties.values()].map((counterparty) => ({
      id: counterparty.id,
      externalId: counterparty.externalId,
      liveMode: counterparty.liveMode,
    })),
    externalAccountList: [...state.externalAccounts.values()].map((account) => ({
      id: account.id,
      counterpartyId: account.counterpartyId,
      externalId: account.externalId,
      liveMode: account.liveMode,
      verificationSource: account.verificationSource,
    })),
    paymentOrderList: [...state.paymentOrders.values()].map((order) => ({
      id: order.id,
      amount: order.amount,
      liveMode: order.liveMode,
      direction: order.direction,
      status: paymentOrderStatusAt(order, now).status,
      receivingAccountId: order.receivingAccountId,
    })),
  };
}
