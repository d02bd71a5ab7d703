import type { CustomerBody, FundingSourceBody } from './dwolla-schemas.js';

/** A Dwolla funding source, as achbridge returns it. */
export interface DwollaFundingSource {
  id: string;
  /** The funding source URL; use it to identify the bank when initiating transfers. */
  url: string;
  /** `verified` or `unverified` (Plaid and exchange funding sources are verified); other values tolerated. */
  status: 'verified' | 'unverified' | (string & {});
  /** `bank` or `balance` (others tolerated). */
  type: string;
  name: string;
  /** Derived by Dwolla from the routing number, e.g. `SANDBOX TEST BANK`; null on a fresh create (no read-back). */
  bankName: string | null;
  /** `checking`, `savings`, ... */
  bankAccountType: string | null;
  /** ISO-8601 creation time at Dwolla; null on a fresh create (no read-back). */
  createdAt: string | null;
  removed: boolean;
  channels: string[];
  /** Same for the same routing + account number across customers; null on a fresh create (no read-back). */
  fingerprint: string | null;
  /** The owning customer's URL, from `_links.customer`. */
  customerUrl: string | null;
}

/** A funding source from `createFundingSource`/`link`; `created: false` when an existing one was returned. */
export interface DwollaFundingSourceResult extends DwollaFundingSource {
  created: boolean;
}

/** A Dwolla customer, as achbridge returns it. */
export interface DwollaCustomer {
  id: string;
  url: string;
  /** `unverified`, `receive-only`, `personal`, `business`. */
  type: string;
  /** `unverified`, `verified`, `suspended`, ... */
  status: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  businessName: string | null;
  correlationId: string | null;
  createdAt: string | null;
}

/** A customer from `createCustomer`; `created: false` when an existing one was returned. */
export interface DwollaCustomerResult extends DwollaCustomer {
  created: boolean;
}

/** Maps Dwolla's funding source body; `fallbackUrl` is used when `_links.self` is missing. */
export function toFundingSource(body: FundingSourceBody, fallbackUrl: string): DwollaFundingSource {
  return {
    id: body.id,
    url: body._links?.['self']?.href ?? fallbackUrl,
    status: body.status,
    type: body.type,
    name: body.name,
    bankName: body.bankName ?? null,
    bankAccountType: body.bankAccountType ?? null,
    createdAt: body.created ?? null,
    removed: body.removed ?? false,
    channels: body.channels ?? [],
    fingerprint: body.fingerprint ?? null,
    customerUrl: body._links?.['customer']?.href ?? null,
  };
}

/** Maps Dwolla's customer body; `fallbackUrl` is used when `_links.self` is missing. */
export function toCustomer(body: CustomerBody, fallbackUrl: string): DwollaCustomer {
  return {
    id: body.id,
    url: body._links?.['self']?.href ?? fallbackUrl,
    type: body.type,
    status: body.status,
    firstName: body.firstName ?? null,
    lastName: body.lastName ?? null,
    email: body.email ?? null,
    businessName: body.businessName ?? null,
    correlationId: body.correlationId ?? null,
    createdAt: body.created ?? null,
  };
}
