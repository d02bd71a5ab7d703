/**
 * Transfer webhook topics the emulator sends (Dwolla webhook events reference): per customer
 * (`customer_transfer_*`), for the bank leg of a verified customer's transfer (`customer_bank_transfer_*`)
 * and account-level (`transfer_*`).
 */
export type DwollaTransferTopic =
  | 'customer_transfer_created'
  | 'customer_transfer_cancelled'
  | 'customer_transfer_failed'
  | 'customer_transfer_completed'
  | 'customer_bank_transfer_created'
  | 'customer_bank_transfer_cancelled'
  | 'customer_bank_transfer_failed'
  | 'customer_bank_transfer_completed'
  | 'transfer_created'
  | 'transfer_cancelled'
  | 'transfer_failed'
  | 'transfer_completed';

/** The lifecycle step a transfer event reports. */
export type DwollaTransferStep = 'created' | 'cancelled' | 'failed' | 'completed';
