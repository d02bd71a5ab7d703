import { randomUUID } from 'node:crypto';
import type { EmulatorResponse } from '../types.js';
import { bankFingerprint } from './dwolla-bank.js';
import { type DwollaContext, type DwollaRouteRequest, isoNow } from './dwolla-context.js';
import { DwollaApiError } from './dwolla-errors.js';
import { createdResponse } from './dwolla-media.js';
import type {
  DwollaCustomerRecord,
  DwollaFundingSourceOrigin,
  DwollaFundingSourceRecord,
} from './dwolla-state.js';

/** Dwolla lets a removed unverified bank be re-added (same id) within 48 hours. */
export const REACTIVATION_WINDOW_MS = 48 * 60 * 60 * 1000;

/** Everything needed to add one bank funding source to a customer. */
export interface NewBank {
  customer: DwollaCustomerRecord;
  routingNumber: string;
  accountNumber: string;
  bankAccountType: 'checking' | 'savings';
  bankName: string;
  name: string;
  channels: string[];
  status: 'verified' | 'unverified';
  origin: DwollaFundingSourceOrigin;
  exchangeId?: string | undefined;
  plaidItemId?: string | undefined;
  plaidAccountId?: string | undefined;
}

/** 400 `DuplicateResource` pointing at the customer's existing funding source for the same bank. */
export function duplicateBank(
  existing: DwollaFundingSourceRecord,
  route: DwollaRouteRequest,
): DwollaApiError {
  return new DwollaApiError(400, {
    code: 'DuplicateResource',
    message: `Bank already exists: id=${existing.id}`,
    _links: { about: route.links.link(`/funding-sources/${existing.id}`, 'funding-source') },
  });
}

/**
 * The answer to a duplicate bank on customer funding-source creation. By default Dwolla's documented one:
 * 400 `ValidationError` "Duplicate funding source or validation error. Authorization already associated to a
 * funding source." (Dwolla OpenAPI `openapi.yml`, `POST /customers/{id}/funding-sources` 400 →
 * `DuplicateFundingSourceError`), which names no funding source. With `duplicateAnswer: 'DuplicateResource'`
 * the `DuplicateResource` form with `_links.about` (Dwolla's drop-in components docs).
 */
export function duplicateFundingSourceAnswer(
  context: DwollaContext,
  existing: DwollaFundingSourceRecord,
  route: DwollaRouteRequest,
): DwollaApiError {
  if (context.duplicateAnswer === 'DuplicateResource') return duplicateBank(existing, route);
  return new DwollaApiError(400, {
    code: 'ValidationError',
    message:
      'Duplicate funding source or validation error. Authorization already associated to a funding source.',
  });
}

/**
 * Adds a bank to a customer: a live bank with the same fingerprint is a duplicate
 * (`duplicateFundingSourceAnswer`); a recently
 * removed unverified one is reactivated under its old id; otherwise a new funding source is created and
 * `customer_funding_source_added` (+ `_verified` for verified banks) is recorded.
 */
export function addBank(
  context: DwollaContext,
  route: DwollaRouteRequest,
  bank: NewBank,
): { response: EmulatorResponse; source: DwollaFundingSourceRecord } {
  const fingerprint = bankFingerprint(bank.routingNumber, bank.accountNumber);
  const sameBank = [...context.state.fundingSources.values()].filter(
    (source) =>
      source.customerId === bank.customer.id && source.type === 'bank' && source.fingerprint === fingerprint,
  );
  const live = sameBank.find((source) => !source.removed);
  if (live) throw duplicateFundingSourceAnswer(context, live, route);

  const now = context.clock.now();
  const about = (source: DwollaFundingSourceRecord) => ({
    resourceId: source.id,
    resourceCollection: 'funding-sources' as const,
    customerId: bank.customer.id,
  });
  const reactivatable =
    bank.status === 'unverified'
      ? sameBank.find(
          (source) =>
            source.status === 'unverified' &&
            source.removedAt !== undefined &&
            now - source.removedAt <= REACTIVATION_WINDOW_MS,
        )
      : undefined;
  if (reactivatable) {
    reactivatable.removed = false;
    reactivatable.removedAt = undefined;
    reactivatable.name = bank.name;
    reactivatable.bankAccountType = bank.bankAccountType;
    context.events.record('customer_funding_source_added', about(reactivatable), now);
    return {
      response: createdResponse(route.links.href(`/funding-sources/${reactivatable.id}`)),
      source: reactivatable,
    };
  }

  const source: DwollaFundingSourceRecord = {
    id: randomUUID(),
    customerId: bank.customer.id,
    type: 'bank',
    status: bank.status,
    name: bank.name,
    created: isoNow(context),
    removed: false,
    channels: bank.channels,
    origin: bank.origin,
    bankAccountType: bank.bankAccountType,
    bankName: bank.bankName,
    fingerprint,
    accountMask: bank.accountNumber.slice(-4),
    exchangeId: bank.exchangeId,
    plaidItemId: bank.plaidItemId,
    plaidAccountId: bank.plaidAccountId,
  };
  context.state.fundingSources.set(source.id, source);
  context.events.record('customer_funding_source_added', about(source), now);
  if (source.status === 'verified')
    context.events.record('customer_funding_source_verified', about(source), now);
  return { response: createdResponse(route.links.href(`/funding-sources/${source.id}`)), source };
}
