import type { z } from 'zod';
import type {
  counterpartySchema,
  externalAccountSchema,
  internalAccountSchema,
  paymentOrderSchema,
} from './mt-schemas.js';

/** A Modern Treasury external account (a counterparty's bank account), as the adapter returns it. */
export interface ModernTreasuryExternalAccount {
  id: string;
  counterpartyId: string | null;
  /** `checking`, `savings` or `other`. */
  accountType: string;
  name: string | null;
  /** Last four digits of the account number. */
  accountNumberLast4: string | null;
  routingNumber: string | null;
  /** `verified` for an account made from a Plaid processor token. */
  verificationStatus: string;
  /** `plaid` for an account made from a Plaid processor token. */
  verificationSource: string | null;
  /** The unique id achbridge gives the account (derived from Item, account and counterparty). */
  externalId: string | null;
  metadata: Record<string, string>;
  liveMode: boolean;
  createdAt: string;
}

/** An external account with whether this call created it. */
export interface ModernTreasuryExternalAccountResult extends ModernTreasuryExternalAccount {
  /** False when it already existed (a re-run, or a re-link of the same account). */
  created: boolean;
}

/** A Modern Treasury counterparty. */
export interface ModernTreasuryCounterparty {
  id: string;
  name: string | null;
  email: string | null;
  externalId: string | null;
  metadata: Record<string, string>;
  liveMode: boolean;
  createdAt: string;
}

/** One of the organization's internal accounts (where ACH debits land). */
export interface ModernTreasuryInternalAccount {
  id: string;
  name: string | null;
  currency: string | null;
  /** Whether the account can originate ACH debits. */
  achDebit: boolean;
  liveMode: boolean;
}

/** A Modern Treasury payment order. */
export interface ModernTreasuryPaymentOrder {
  id: string;
  /** `approved`, `processing`, `sent`, `completed`, `returned`, `failed`, … ("Payment Order Statuses"). */
  status: string;
  type: string;
  direction: 'credit' | 'debit';
  /** In cents. */
  amount: number;
  currency: string;
  originatingAccountId: string;
  receivingAccountId: string;
  counterpartyId: string | null;
  description: string | null;
  metadata: Record<string, string>;
  /** The ACH return code (`R01`) when the payment order was returned. */
  returnCode: string | null;
  returnReason: string | null;
  liveMode: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Maps an external account answer to the adapter's shape. */
export function toExternalAccount(
  data: z.output<ReturnType<typeof externalAccountSchema>>,
): ModernTreasuryExternalAccount {
  return {
    id: data.id,
    counterpartyId: data.counterparty_id,
    accountType: data.account_type,
    name: data.name ?? null,
    accountNumberLast4: data.account_details[0]?.account_number_safe ?? null,
    routingNumber: data.routing_details[0]?.routing_number ?? null,
    verificationStatus: data.verification_status,
    verificationSource: data.verification_source ?? null,
    externalId: data.external_id ?? null,
    metadata: { ...(data.metadata ?? {}) },
    liveMode: data.live_mode,
    createdAt: data.created_at,
  };
}

/** Maps a counterparty answer to the adapter's shape. */
export function toCounterparty(
  data: z.output<ReturnType<typeof counterpartySchema>>,
): ModernTreasuryCounterparty {
  return {
    id: data.id,
    name: data.name,
    email: data.email ?? null,
    externalId: data.external_id ?? null,
    metadata: { ...(data.metadata ?? {}) },
    liveMode: data.live_mode,
    createdAt: data.created_at,
  };
}

/** Maps an internal account answer to the adapter's shape. */
export function toInternalAccount(
  data: z.output<ReturnType<typeof internalAccountSchema>>,
): ModernTreasuryInternalAccount {
  return {
    id: data.id,
    name: data.name,
    currency: data.currency ?? null,
    achDebit: (data.account_capabilities ?? []).some(
      (capability) => capability.direction === 'debit' && (capability.payment_type ?? 'ach') === 'ach',
    ),
    liveMode: data.live_mode,
  };
}

/** Maps a payment order answer to the adapter's shape. */
export function toPaymentOrder(
  data: z.output<ReturnType<typeof paymentOrderSchema>>,
): ModernTreasuryPaymentOrder {
  return {
    id: data.id,
    status: data.status,
    type: data.type,
    direction: data.direction,
    amount: data.amount,
    currency: data.currency,
    originatingAccountId: data.originating_account_id,
    receivingAccountId: data.receiving_account_id,
    counterpartyId: data.counterparty_id,
    description: data.description ?? null,
    metadata: { ...(data.metadata ?? {}) },
    returnCode: data.current_return?.code ?? null,
    returnReason: data.current_return?.reason ?? null,
    liveMode: data.live_mode,
    createdAt: data.created_at,
    updatedAt: data.updated_at,
  };
}
