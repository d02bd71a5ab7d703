/** Dwolla transfer statuses. */
export type DwollaTransferStatus = 'pending' | 'processed' | 'failed' | 'cancelled';

/** One side of a transfer: a customer's funding source, or the Dwolla account's balance. */
export interface DwollaTransferParty {
  fundingSourceId: string;
  /** The owning customer; undefined for the account's own balance. */
  customerId: string | undefined;
  /** A verified customer's bank leg also gets `customer_bank_transfer_*` events. */
  verifiedCustomerBank: boolean;
}

/** A stored transfer. */
export interface DwollaTransferRecord {
  id: string;
  status: DwollaTransferStatus;
  amount: { value: string; currency: 'USD' };
  created: string;
  source: DwollaTransferParty;
  destination: DwollaTransferParty;
  metadata?: Record<string, string> | undefined;
  correlationId?: string | undefined;
  /** Emulated ms when the pending transfer is processed (or fails). */
  settlesAt: number;
  /** The ACH return the transfer will get (from a funding source named like `R01`), if any. */
  returnCode: string | undefined;
  /** The funding source whose name carried the return code. */
  returnFundingSourceId: string | undefined;
  /** `R01-late`: processed first, then returned at `lateReturnAt`. */
  lateReturnAt: number | undefined;
  /** Set once the transfer failed. */
  failure?: { code: string; fundingSourceId: string; customerId: string | undefined } | undefined;
}
