import type { SnapshotDeclaration } from '../kernel/declared-snapshot.js';
import type { IdempotencyEntry } from '../kernel/idempotency-store.js';
import { paymentOrderStatusAt } from './mt-payment-lifecycle.js';

/** A counterparty as the emulator keeps it. */
export interface MtCounterpartyRecord {
  id: string;
  name: string | null;
  email: string | null;
  externalId: string | null;
  metadata: Record<string, string>;
  liveMode: boolean;
  createdAt: number;
  updatedAt: number;
}

/** An external account (a counterparty's bank account) as the emulator keeps it. */
export interface MtExternalAccountRecord {
  id: string;
  counterpartyId: string;
  name: string | null;
  partyName: string;
  accountType: 'checking' | 'savings' | 'other';
  accountNumber: string;
  routingNumber: string;
  externalId: string | null;
  metadata: Record<string, string>;
  liveMode: boolean;
  verificationSource: 'plaid' | null;
  verificationStatus: 'verified' | 'unverified';
  createdAt: number;
  updatedAt: number;
}

/** One of the organization's own accounts (the emulator seeds one per mode at Gringotts Wizarding Bank). */
export interface MtInternalAccountRecord {
  id: string;
  name: string;
  liveMode: boolean;
  accountNumber: string;
  routingNumber: string;
  createdAt: number;
}

/** How a payment order ends in the emulator. */
export type MtPaymentOutcome =
  | { kind: 'complete' }
  | { kind: 'return'; code: string; at: 'after-completion' }
  | { kind: 'fail' };

/** A payment order as the emulator keeps it; its status follows from `createdAt` and the clock. */
export interface MtPaymentOrderRecord {
  id: string;
  type: 'ach';
  direction: 'credit' | 'debit';
  amount: number;
  currency: string;
  originatingAccountId: string;
  receivingAccountId: string;
  counterpartyId: string;
  description: string | null;
  statementDescriptor: string | null;
  effectiveDate: string;
  metadata: Record<string, string>;
  liveMode: boolean;
  createdAt: number;
  outcome: MtPaymentOutcome;
  /** A return forced through the control API: code and emulated time. */
  forcedReturn?: { code: string; at: number } | undefined;
  returnId: string;
}

/** Everything the emulated Modern Treasury remembers. */
export interface MtState {
  counterparties: Map<string, MtCounterpartyRecord>;
  externalAccounts: Map<string, MtExternalAccountRecord>;
  internalAccounts: Map<string, MtInternalAccountRecord>;
  paymentOrders: Map<string, MtPaymentOrderRecord>;
  /** Idempotency-Key answers, kept by the kernel idempotency store under this provider's policy. */
  idempotency: Map<string, IdempotencyEntry>;
}

/** The seeded sandbox internal account's id (the id Modern Treasury's payments quickstart shows). */
export const SANDBOX_INTERNAL_ACCOUNT_ID = '0f8e3719-3dfd-4613-9bbf-c0333781b59f';
/** The seeded production internal account's id. */
export const LIVE_INTERNAL_ACCOUNT_ID = '5c1bd1a6-73c8-4a44-8a9e-3f2a1d2b7c10';

function seed(state: MtState, now: number): void {
  state.internalAccounts.set(SANDBOX_INTERNAL_ACCOUNT_ID, {
    id: SANDBOX_INTERNAL_ACCOUNT_ID,
    name: 'Gringotts Wizarding Bank Operating',
    liveMode: false,
    accountNumber: '000123456789',
    routingNumber: '021000021',
    createdAt: now,
  });
  state.internalAccounts.set(LIVE_INTERNAL_ACCOUNT_ID, {
    id: LIVE_INTERNAL_ACCOUNT_ID,
    name: 'Operating',
    liveMode: true,
    accountNumber: '000987654321',
    routingNumber: '021000021',
    createdAt: now,
  });
}

/** Creates the state with the seeded internal accounts. */
export function createMtState(now: number): MtState {
  const state: MtState = {
    counterparties: new Map(),
    externalAccounts: new Map(),
    internalAccounts: new Map(),
    paymentOrders: new Map(),
    idempotency: new Map(),
  };
  seed(state, now);
  return state;
}

/** How the Modern Treasury state appears in `GET /__emulator/state`: counts, then lists without account numbers. */
export const MT_STATE_SNAPSHOT: SnapshotDeclaration<MtState> = {
  hidden: ['internalAccounts'],
  fields: (show) => ({
    counterparties: show.count('counterparties'),
    externalAccounts: show.count('externalAccounts'),
    paymentOrders: show.count('paymentOrders'),
    idempotencyKeys: show.count('idempotency'),
    counterpartyList: show.list('counterparties', (counterparty) => ({
      id: counterparty.id,
      externalId: counterparty.externalId,
      liveMode: counterparty.liveMode,
    })),
    externalAccountList: show.list('externalAccounts', (account) => ({
      id: account.id,
      counterpartyId: account.counterpartyId,
      externalId: account.externalId,
      liveMode: account.liveMode,
      verificationSource: account.verificationSource,
    })),
    paymentOrderList: show.list('paymentOrders', (order, _id, { now }) => ({
      id: order.id,
      amount: order.amount,
      liveMode: order.liveMode,
      direction: order.direction,
      status: paymentOrderStatusAt(order, now).status,
      receivingAccountId: order.receivingAccountId,
    })),
  }),
};
