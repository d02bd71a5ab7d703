import type { SnapshotDeclaration } from '../kernel/declared-snapshot.js';
import type { IdempotencyEntry } from '../kernel/idempotency-store.js';
import { maskToken } from '../kernel/mask-token.js';
import { renderDispute } from './stripe-disputes.js';

/** Internal record of a Customer. */
export interface CustomerRecord {
  id: string;
  livemode: boolean;
  created: number;
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Record<string, string>;
  defaultSource: string | null;
  /** Attached bank account ids, oldest first. */
  sourceIds: string[];
  deleted: boolean;
}

/** Internal record of a customer BankAccount (`ba_…`). */
export interface BankAccountRecord {
  id: string;
  livemode: boolean;
  created: number;
  customer: string | null;
  accountHolderName: string | null;
  accountHolderType: 'individual' | 'company' | null;
  accountType: 'checking' | 'savings' | null;
  bankName: string;
  routingNumber: string;
  accountNumberLast4: string;
  fingerprint: string;
  status: 'new' | 'validated' | 'verified' | 'verification_failed' | 'errored';
  metadata: Record<string, string>;
  /** The token it was created from. */
  tokenId: string;
  /** Why debits from this account fail, for Stripe's `btok_us_verified_*` test tokens; null = succeeds. */
  failureCode: string | null;
}

/** Internal record of a mandate's customer acceptance. */
export interface CustomerAcceptanceRecord {
  type: 'online' | 'offline';
  acceptedAt: number;
  online: { ipAddress: string; userAgent: string } | null;
}

/** Internal record of a Mandate. */
export interface MandateRecord {
  id: string;
  livemode: boolean;
  created: number;
  customer: string | null;
  paymentMethod: string;
  customerAcceptance: CustomerAcceptanceRecord;
  status: 'active' | 'inactive' | 'pending';
  type: 'multi_use' | 'single_use';
  singleUse: { amount: number; currency: string } | null;
}

/** Internal record of a SetupIntent. */
export interface SetupIntentRecord {
  id: string;
  livemode: boolean;
  created: number;
  clientSecret: string;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  paymentMethod: string | null;
  paymentMethodTypes: string[];
  usage: 'off_session' | 'on_session';
  status: 'requires_payment_method' | 'requires_confirmation' | 'succeeded' | 'canceled';
  mandate: string | null;
  cancellationReason: string | null;
}

/** Internal record of a PaymentIntent; `processing` settles lazily once the clock passes `settlesAt`. */
export interface PaymentIntentRecord {
  id: string;
  livemode: boolean;
  created: number;
  clientSecret: string;
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  statementDescriptor: string | null;
  metadata: Record<string, string>;
  paymentMethod: string | null;
  paymentMethodTypes: string[];
  setupFutureUsage: 'off_session' | 'on_session' | null;
  receiptEmail: string | null;
  status: 'requires_payment_method' | 'requires_confirmation' | 'processing' | 'succeeded' | 'canceled';
  mandate: string | null;
  /** Emulated time (ms) at which a `processing` intent settles. */
  settlesAt: number | null;
  /** Failure code applied at settlement (from the bank account), or null when it succeeds. */
  failureCode: string | null;
  lastPaymentError: { code: string; message: string } | null;
  canceledAt: number | null;
  cancellationReason: string | null;
}

/** A dispute of an ACH PaymentIntent (a late unauthorized return), created through the control API. */
export interface DisputeRecord {
  id: string;
  livemode: boolean;
  created: number;
  paymentIntent: string;
  /** The PaymentIntent's charge (`py_…` for ACH). */
  charge: string;
  amount: number;
  currency: string;
  reason: string;
  status: string;
  /** The ACH return code the dispute stands for (R05, R07, R10, R11, R29 or R51). */
  returnCode: string;
}

/** Everything the emulated Stripe remembers. */
export interface StripeState {
  customers: Map<string, CustomerRecord>;
  bankAccounts: Map<string, BankAccountRecord>;
  /** btok id → the `ba_` id it produces (stable so the token shows the same id it attaches as). */
  tokenBankAccountIds: Map<string, string>;
  /** btok ids already consumed. */
  usedTokens: Set<string>;
  setupIntents: Map<string, SetupIntentRecord>;
  mandates: Map<string, MandateRecord>;
  paymentIntents: Map<string, PaymentIntentRecord>;
  disputes: Map<string, DisputeRecord>;
  /** Idempotency-Key answers, kept by the kernel idempotency store under this provider's policy. */
  idempotency: Map<string, IdempotencyEntry>;
}

/** Creates an empty Stripe state. */
export function createStripeState(): StripeState {
  return {
    customers: new Map(),
    bankAccounts: new Map(),
    tokenBankAccountIds: new Map(),
    usedTokens: new Set(),
    setupIntents: new Map(),
    mandates: new Map(),
    paymentIntents: new Map(),
    disputes: new Map(),
    idempotency: new Map(),
  };
}

/** How the Stripe state appears in `GET /__emulator/state`: counts and lists, tokens masked, no client secrets or account numbers. */
export const STRIPE_STATE_SNAPSHOT: SnapshotDeclaration<StripeState> = {
  hidden: ['tokenBankAccountIds', 'idempotency'],
  fields: (show) => ({
    counts: {
      customers: show.count('customers'),
      bankAccounts: show.count('bankAccounts'),
      usedTokens: show.count('usedTokens'),
      setupIntents: show.count('setupIntents'),
      mandates: show.count('mandates'),
      paymentIntents: show.count('paymentIntents'),
    },
    customers: show.list('customers', (record) => ({
      id: record.id,
      livemode: record.livemode,
      email: record.email,
      name: record.name,
      deleted: record.deleted,
      defaultSource: record.defaultSource,
      sources: [...record.sourceIds],
    })),
    bankAccounts: show.list('bankAccounts', (record) => ({
      id: record.id,
      livemode: record.livemode,
      customer: record.customer,
      fingerprint: record.fingerprint,
      last4: record.accountNumberLast4,
      routingNumber: record.routingNumber,
      status: record.status,
      token: maskToken(record.tokenId),
    })),
    setupIntents: show.list('setupIntents', (record) => ({
      id: record.id,
      livemode: record.livemode,
      customer: record.customer,
      paymentMethod: record.paymentMethod,
      status: record.status,
      mandate: record.mandate,
    })),
    mandates: show.list('mandates', (record) => ({
      id: record.id,
      livemode: record.livemode,
      customer: record.customer,
      paymentMethod: record.paymentMethod,
      status: record.status,
      type: record.type,
    })),
    paymentIntents: show.list('paymentIntents', (record) => ({
      id: record.id,
      livemode: record.livemode,
      amount: record.amount,
      currency: record.currency,
      customer: record.customer,
      paymentMethod: record.paymentMethod,
      mandate: record.mandate,
      status: record.status,
      settlesAt: record.settlesAt === null ? null : new Date(record.settlesAt).toISOString(),
    })),
    disputes: show.list('disputes', (record) => renderDispute(record)),
  }),
};
