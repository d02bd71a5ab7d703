import { renderDispute } from './stripe-disputes.js';
import { settleAllPaymentIntents } from './stripe-settlement.js';
import type { StripeState } from './stripe-state.js';

/** Counts and lists of the emulated Stripe's objects for `GET /__emulator/state` (no secrets, no client secrets). */
export function stripeSnapshot(state: StripeState, nowMs: number): Record<string, unknown> {
  settleAllPaymentIntents(state, nowMs);
  const customers = [...state.customers.values()].map((record) => ({
    id: record.id,
    livemode: record.livemode,
    email: record.email,
    name: record.name,
    deleted: record.deleted,
    defaultSource: record.defaultSource,
    sources: [...record.sourceIds],
  }));
  const bankAccounts = [...state.bankAccounts.values()].map((record) => ({
    id: record.id,
    livemode: record.livemode,
    customer: record.customer,
    fingerprint: record.fingerprint,
    last4: record.accountNumberLast4,
    routingNumber: record.routingNumber,
    status: record.status,
    token: record.tokenId,
  }));
  const setupIntents = [...state.setupIntents.values()].map((record) => ({
    id: record.id,
    livemode: record.livemode,
    customer: record.customer,
    paymentMethod: record.paymentMethod,
    status: record.status,
    mandate: record.mandate,
  }));
  const mandates = [...state.mandates.values()].map((record) => ({
    id: record.id,
    livemode: record.livemode,
    customer: record.customer,
    paymentMethod: record.paymentMethod,
    status: record.status,
    type: record.type,
  }));
  const paymentIntents = [...state.paymentIntents.values()].map((record) => ({
    id: record.id,
    livemode: record.livemode,
    amount: record.amount,
    currency: record.currency,
    customer: record.customer,
    paymentMethod: record.paymentMethod,
    mandate: record.mandate,
    status: record.status,
    settlesAt: record.settlesAt === null ? null : new Date(record.settlesAt).toISOString(),
  }));
  const disputes = [...state.disputes.values()].map(renderDispute);
  return {
    counts: {
      customers: customers.length,
      bankAccounts: bankAccounts.length,
      usedTokens: state.usedTokens.size,
      setupIntents: setupIntents.length,
      mandates: mandates.length,
      paymentIntents: paymentIntents.length,
    },
    customers,
    bankAccounts,
    setupIntents,
    mandates,
    paymentIntents,
    disputes,
  };
}
