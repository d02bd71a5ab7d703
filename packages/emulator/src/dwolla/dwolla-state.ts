import type { SnapshotDeclaration } from '../kernel/declared-snapshot.js';
import type { IdempotencyEntry } from '../kernel/idempotency-store.js';
import type { DwollaTransferRecord } from './dwolla-transfer-record.js';

/** Customer types the emulator creates. */
export type DwollaCustomerType = 'unverified' | 'receive-only' | 'personal';

/** A customer's postal address as Dwolla takes it. */
export interface DwollaAddress {
  address1: string;
  address2?: string | undefined;
  city: string;
  state: string;
  postalCode: string;
}

/** A stored Customer (no SSN or date of birth is kept). */
export interface DwollaCustomerRecord {
  id: string;
  type: DwollaCustomerType;
  status: 'unverified' | 'verified';
  firstName: string;
  lastName: string;
  email: string;
  created: string;
  businessName?: string | undefined;
  correlationId?: string | undefined;
  ipAddress?: string | undefined;
  phone?: string | undefined;
  address?: DwollaAddress | undefined;
}

/** How a funding source came to be. */
export type DwollaFundingSourceOrigin = 'plaid-token' | 'exchange' | 'account-numbers' | 'balance';

/** A stored funding source; account numbers are never kept, only the fingerprint and last four digits. */
export interface DwollaFundingSourceRecord {
  id: string;
  customerId: string;
  type: 'bank' | 'balance';
  status: 'verified' | 'unverified';
  name: string;
  created: string;
  removed: boolean;
  /** Emulated time of removal, ms (for the 48-hour re-add rule of unverified banks). */
  removedAt?: number | undefined;
  channels: string[];
  origin: DwollaFundingSourceOrigin;
  bankAccountType?: 'checking' | 'savings' | undefined;
  bankName?: string | undefined;
  fingerprint?: string | undefined;
  accountMask?: string | undefined;
  exchangeId?: string | undefined;
  plaidItemId?: string | undefined;
  plaidAccountId?: string | undefined;
}

/** A stored exchange (Secure Exchange handshake); the processor token is kept only to re-check revocation. */
export interface DwollaExchangeRecord {
  id: string;
  customerId: string;
  partnerId: string;
  created: string;
  processorToken: string;
  /** The funding source created from it; an exchange is usable once. */
  fundingSourceId?: string | undefined;
}

/** All mutable state of the emulated Dwolla Sandbox. */
export interface DwollaState {
  customers: Map<string, DwollaCustomerRecord>;
  fundingSources: Map<string, DwollaFundingSourceRecord>;
  exchanges: Map<string, DwollaExchangeRecord>;
  /** Bearer token -> expiry (emulated ms). */
  accessTokens: Map<string, number>;
  /** How many access tokens were issued since the last reset. */
  tokensIssued: number;
  /** Idempotency-Key answers, kept by the kernel idempotency store under this provider's policy. */
  idempotency: Map<string, IdempotencyEntry>;
  /** Transfers by id, in creation order. */
  transfers: Map<string, DwollaTransferRecord>;
}

/** Creates empty state. */
export function createDwollaState(): DwollaState {
  return {
    customers: new Map(),
    fundingSources: new Map(),
    exchanges: new Map(),
    accessTokens: new Map(),
    tokensIssued: 0,
    idempotency: new Map(),
    transfers: new Map(),
  };
}

/** How the Dwolla state appears in `GET /__emulator/state`: ids, statuses and counts, never tokens or account numbers. */
export const DWOLLA_STATE_SNAPSHOT: SnapshotDeclaration<DwollaState> = {
  hidden: [],
  fields: (show) => ({
    customers: show.list('customers', (customer) => ({
      id: customer.id,
      type: customer.type,
      status: customer.status,
      email: customer.email,
      created: customer.created,
    })),
    fundingSources: show.list('fundingSources', (source) => ({
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
    transfers: show.list('transfers', (transfer) => ({
      id: transfer.id,
      status: transfer.status,
      amount: transfer.amount.value,
      source: transfer.source.fundingSourceId,
      destination: transfer.destination.fundingSourceId,
      returnCode: transfer.failure?.code ?? null,
    })),
    exchanges: show.list('exchanges', (exchange) => ({
      id: exchange.id,
      customer: exchange.customerId,
      partner: exchange.partnerId,
      fundingSource: exchange.fundingSourceId ?? null,
    })),
    tokens: {
      issued: show.value('tokensIssued'),
      active: show.count('accessTokens', (expiresAt, _token, { now }) => expiresAt > now),
    },
    idempotencyKeys: show.count('idempotency'),
  }),
};
