import { paymentOrderStatusAt, returnCodeOf, returnReason } from './mt-payment-lifecycle.js';
import type {
  MtCounterpartyRecord,
  MtExternalAccountRecord,
  MtInternalAccountRecord,
  MtPaymentOrderRecord,
  MtState,
} from './mt-state.js';

const iso = (ms: number): string => new Date(ms).toISOString();

function accountDetail(id: string, accountNumber: string, liveMode: boolean, created: number) {
  return {
    id: `${id.slice(0, 24)}ad000001`,
    object: 'account_detail',
    account_number: accountNumber,
    account_number_safe: accountNumber.slice(-4),
    account_number_type: 'other',
    live_mode: liveMode,
    created_at: iso(created),
    updated_at: iso(created),
    discarded_at: null,
  };
}

function routingDetail(id: string, routingNumber: string, liveMode: boolean, created: number) {
  return {
    id: `${id.slice(0, 24)}rd000001`,
    object: 'routing_detail',
    payment_type: null,
    routing_number: routingNumber,
    routing_number_type: 'aba',
    bank_name: 'Emulated Bank',
    bank_address: null,
    live_mode: liveMode,
    created_at: iso(created),
    updated_at: iso(created),
    discarded_at: null,
  };
}

/** An external account in Modern Treasury's `ExternalAccount` shape. */
export function externalAccountView(account: MtExternalAccountRecord): Record<string, unknown> {
  return {
    id: account.id,
    object: 'external_account',
    live_mode: account.liveMode,
    account_type: account.accountType,
    party_name: account.partyName,
    party_type: null,
    party_address: null,
    account_details: [accountDetail(account.id, account.accountNumber, account.liveMode, account.createdAt)],
    routing_details: [routingDetail(account.id, account.routingNumber, account.liveMode, account.createdAt)],
    contact_details: [],
    counterparty_id: account.counterpartyId,
    name: account.name,
    external_id: account.externalId,
    metadata: { ...account.metadata },
    ledger_account_id: null,
    verification_source: account.verificationSource,
    verification_status: account.verificationStatus,
    created_at: iso(account.createdAt),
    updated_at: iso(account.updatedAt),
    discarded_at: null,
  };
}

/** A counterparty in Modern Treasury's `Counterparty` shape, with its external accounts. */
export function counterpartyView(
  state: MtState,
  counterparty: MtCounterpartyRecord,
): Record<string, unknown> {
  const accounts = [...state.externalAccounts.values()]
    .filter((account) => account.counterpartyId === counterparty.id)
    .map(externalAccountView);
  return {
    id: counterparty.id,
    object: 'counterparty',
    live_mode: counterparty.liveMode,
    name: counterparty.name,
    email: counterparty.email,
    external_id: counterparty.externalId,
    metadata: { ...counterparty.metadata },
    accounts,
    legal_entity_id: null,
    send_remittance_advice: false,
    verification_status: 'unverified',
    created_at: iso(counterparty.createdAt),
    updated_at: iso(counterparty.updatedAt),
    discarded_at: null,
  };
}

/** An internal account in Modern Treasury's `InternalAccount` shape (ACH credit and debit capable). */
export function internalAccountView(account: MtInternalAccountRecord): Record<string, unknown> {
  return {
    id: account.id,
    object: 'internal_account',
    live_mode: account.liveMode,
    name: account.name,
    account_type: 'checking',
    currency: 'USD',
    party_name: 'achbridge emulator',
    party_type: 'business',
    party_address: null,
    account_details: [accountDetail(account.id, account.accountNumber, account.liveMode, account.createdAt)],
    routing_details: [routingDetail(account.id, account.routingNumber, account.liveMode, account.createdAt)],
    account_capabilities: ['credit', 'debit'].map((direction, index) => ({
      id: `${account.id.slice(0, 24)}ac00000${index + 1}`,
      object: 'account_capability',
      direction,
      payment_type: 'ach',
      identifier: null,
      live_mode: account.liveMode,
      created_at: iso(account.createdAt),
      updated_at: iso(account.createdAt),
      discarded_at: null,
    })),
    connection: {
      id: '9b3e3a51-4b3f-4d6a-bc55-0a2a4f0b2a01',
      object: 'connection',
      live_mode: account.liveMode,
      vendor_id: 'example1',
      vendor_name: 'Gringotts Wizarding Bank',
      vendor_customer_id: null,
      created_at: iso(account.createdAt),
      updated_at: iso(account.createdAt),
      discarded_at: null,
    },
    counterparty_id: null,
    ledger_account_id: null,
    legal_entity_id: null,
    parent_account_id: null,
    vendor_id: null,
    status: 'active',
    metadata: {},
    created_at: iso(account.createdAt),
    updated_at: iso(account.createdAt),
  };
}

/** The return of a returned payment order in Modern Treasury's `ReturnObject` shape, else null. */
export function returnView(order: MtPaymentOrderRecord, now: number): Record<string, unknown> | null {
  const { status, returnedAt } = paymentOrderStatusAt(order, now);
  const code = returnCodeOf(order);
  if (status !== 'returned' || returnedAt === null || code === undefined) return null;
  return {
    id: order.returnId,
    object: 'payment_return',
    live_mode: order.liveMode,
    amount: order.amount,
    currency: order.currency,
    code,
    reason: returnReason(code),
    returnable_id: order.id,
    returnable_type: 'payment_order',
    role: 'receiving',
    status: 'completed',
    type: 'ach',
    internal_account_id: order.originatingAccountId,
    date_of_death: null,
    additional_information: null,
    failure_reason: null,
    reference_numbers: [],
    transaction_id: null,
    transaction_line_item_id: null,
    ledger_transaction_id: null,
    current_return: null,
    corrections: null,
    data: null,
    created_at: iso(returnedAt),
    updated_at: iso(returnedAt),
  };
}

/** A payment order in Modern Treasury's `PaymentOrder` shape, its status read off the emulated clock. */
export function paymentOrderView(order: MtPaymentOrderRecord, now: number): Record<string, unknown> {
  const { status, since } = paymentOrderStatusAt(order, now);
  return {
    id: order.id,
    object: 'payment_order',
    live_mode: order.liveMode,
    type: order.type,
    subtype: null,
    direction: order.direction,
    amount: order.amount,
    currency: order.currency,
    priority: 'normal',
    status,
    originating_account_id: order.originatingAccountId,
    receiving_account_id: order.receivingAccountId,
    receiving_account_type: 'external_account',
    counterparty_id: order.counterpartyId,
    description: order.description,
    statement_descriptor: order.statementDescriptor,
    remittance_information: null,
    purpose: null,
    effective_date: order.effectiveDate,
    process_after: null,
    expires_at: null,
    external_id: null,
    metadata: { ...order.metadata },
    accounting: { account_id: null, class_id: null },
    accounting_category_id: null,
    accounting_ledger_class_id: null,
    charge_bearer: null,
    current_hold: null,
    current_return: returnView(order, now),
    foreign_exchange_contract: null,
    foreign_exchange_indicator: null,
    foreign_exchange_rate: null,
    ledger_transaction_id: null,
    nsf_protected: false,
    originating_party_name: null,
    reconciliation_status: status === 'completed' || status === 'returned' ? 'reconciled' : 'unreconciled',
    reference_numbers: [],
    send_remittance_advice: null,
    transaction_ids: [],
    ultimate_originating_account: null,
    ultimate_originating_account_id: null,
    ultimate_originating_account_type: null,
    ultimate_originating_party_identifier: null,
    ultimate_originating_party_name: null,
    ultimate_receiving_party_identifier: null,
    ultimate_receiving_party_name: null,
    vendor_attributes: null,
    vendor_failure_reason: status === 'failed' ? 'The receiving account could not be debited.' : null,
    created_at: iso(order.createdAt),
    updated_at: iso(since),
  };
}
