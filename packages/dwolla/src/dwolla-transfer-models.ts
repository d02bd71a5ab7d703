import type { TransferBody } from './dwolla-transfer-schemas.js';

/** Dwolla's transfer statuses (other values are tolerated as open strings). */
export type DwollaTransferStatus = 'pending' | 'processed' | 'failed' | 'cancelled' | (string & {});

/** Why a transfer failed: the ACH return Dwolla reports on the transfer's `failure` resource. */
export interface DwollaTransferFailure {
  /** The ACH return code, e.g. `R01`. */
  code: string;
  description: string | null;
  explanation: string | null;
}

/** A Dwolla transfer, as achbridge returns it. */
export interface DwollaTransfer {
  id: string;
  /** The transfer URL. */
  url: string;
  status: DwollaTransferStatus;
  amount: { value: string; currency: string };
  /** ISO-8601 creation time at Dwolla. */
  createdAt: string | null;
  /** `_links.source-funding-source.href`. */
  sourceFundingSourceUrl: string | null;
  /** `_links.destination-funding-source.href`. */
  destinationFundingSourceUrl: string | null;
  /** Whether Dwolla still offers the `cancel` link (the transfer is pending). */
  cancellable: boolean;
  correlationId: string | null;
  metadata: Record<string, unknown>;
  /** The ACH return of a failed transfer (read from its `failure` link), else null. */
  failure: DwollaTransferFailure | null;
  /** On the bank leg of a verified customer's transfer: `_links.funded-transfer.href`, the transfer it funds. */
  fundedTransferUrl?: string | null | undefined;
}

/** Maps Dwolla's transfer body to `DwollaTransfer`. */
export function toTransfer(
  body: TransferBody,
  url: string,
  failure: DwollaTransferFailure | null,
): DwollaTransfer {
  const links = body._links ?? {};
  return {
    id: body.id,
    url,
    status: body.status,
    amount: { value: body.amount.value, currency: body.amount.currency },
    createdAt: body.created ?? null,
    sourceFundingSourceUrl: links['source-funding-source']?.href ?? null,
    destinationFundingSourceUrl: links['destination-funding-source']?.href ?? null,
    cancellable: links['cancel'] !== undefined,
    correlationId: body.correlationId ?? null,
    metadata: { ...(body.metadata ?? {}) },
    failure,
    fundedTransferUrl: links['funded-transfer']?.href ?? null,
  };
}
