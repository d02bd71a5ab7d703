import type { DwollaEventLog } from './dwolla-events.js';
import type { DwollaState } from './dwolla-state.js';

/** The Dwolla part of `GET /__emulator/state`: ids, statuses and counts, never tokens or account numbers. */
export function dwollaSnapshot(
  state: DwollaState,
  events: DwollaEventLog,
  now: number,
): Record<string, unknown> {
  return {
    customers: [...state.customers.values()].map((customer) => ({
      id: customer.id,
      type: customer.type,
      status: customer.status,
      email: customer.email,
      created: customer.created,
    })),
    fundingSources: [...state.fundingSources.values()].map((source) => ({
      id: source.id,
      customer: source.customerId,
      type: source.type,
      status: source.status,
      removed: source.removed,
      fingerprint: source.fingerprint ?? null,
      name: source.name,
      bankName: source.bankName ?? null,
      bankAccountType: source.bankAccountType ?? null,
      origin: source.origin,
    })),
    transfers: [...state.transfers.values()].map((transfer) => ({
      id: transfer.id,
      status: transfer.status,
      amount: transfer.amount.value,
      source: transfer.source.fundingSourceId,
      destination: transfer.destination.fundingSourceId,
      returnCode: transfer.failure?.code ?? null,
    })),
    exchanges: [...state.exchanges.values()].map((exchange) => ({
      id: exchange.id,
      customer: exchange.customerId,
      partner: exchange.partnerId,
      fundingSource: exchange.fundingSourceId ?? null,
    })),
    tokens: {
      issued: state.tokensIssued,
      active: [...state.accessTokens.values()].filter((expiresAt) => expiresAt > now).length,
    },
    events: events.list().map((event) => ({
      id: event.id,
      topic: event.topic,
      resourceId: event.resourceId,
      created: event.created,
    })),
    idempotencyKeys: state.idempotency.size,
  };
}
