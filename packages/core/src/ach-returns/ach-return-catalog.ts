/**
 * What to do after an ACH return: retry the same debit later, get a new authorization first, have the
 * user link a different or repaired account, never retry, or `unknown` for a code outside the catalog.
 */
export type AchReturnCategory =
  | 'retry_later'
  | 'new_authorization_needed'
  | 'relink'
  | 'never_retry'
  | 'unknown';

/** One catalog entry: the Nacha meaning and how an originator should respond. */
export interface AchReturnEntry {
  /** The Nacha return reason, e.g. "Insufficient Funds". */
  meaning: string;
  /** What to do next. */
  category: Exclude<AchReturnCategory, 'unknown'>;
  /** Nacha counts it as an unauthorized return (towards the 0.5% unauthorized return rate threshold). */
  unauthorized: boolean;
  /** Practical advice for the originator. */
  remediation: string;
}

const retryLater = (meaning: string, remediation: string): AchReturnEntry => ({
  meaning,
  category: 'retry_later',
  unauthorized: false,
  remediation,
});
const newAuthorization = (meaning: string, remediation: string, unauthorized = true): AchReturnEntry => ({
  meaning,
  category: 'new_authorization_needed',
  unauthorized,
  remediation,
});
const relink = (meaning: string, remediation: string): AchReturnEntry => ({
  meaning,
  category: 'relink',
  unauthorized: false,
  remediation,
});
const neverRetry = (meaning: string, remediation: string): AchReturnEntry => ({
  meaning,
  category: 'never_retry',
  unauthorized: false,
  remediation,
});

const ORIGINATOR_FORMAT_ERROR =
  'The entry was malformed by the originating side; do not resend it as is. Ask your processor which field was wrong, fix the integration and create a new payment.';
const DISHONORED_OR_CONTESTED =
  'This is an exchange between the banks about an earlier return, not a new result of the debit; do not retry. Reconcile with your processor.';
const IAT_ERROR =
  'An international (IAT) entry could not be delivered; do not retry. Collect a domestic US bank account or contact your processor.';
const RCK_ERROR =
  'The re-presented check (RCK) entry is not eligible; do not retry it electronically. Collect the amount by other means.';
const ENR_ERROR =
  'An automated enrollment (ENR) entry was rejected; fix the enrollment data with your processor.';

/**
 * Nacha return reason codes (Nacha Operating Rules, Appendix Four "Return Entries"; the list Dwolla
 * documents for transfer failures). Stripe surfaces the common debit returns as failure codes (see
 * @achbridge/stripe); Dwolla returns the code itself from a transfer's `failure` resource.
 */
export const ACH_RETURN_CATALOG: Readonly<Record<string, AchReturnEntry>> = {
  R01: retryLater(
    'Insufficient Funds',
    'The balance did not cover the debit. You may re-present the same debit up to two more times within 180 days of the original settlement (Nacha); wait for the customer to fund the account (e.g. after payday) and tell them before you retry.',
  ),
  R02: relink(
    'Account Closed',
    'The account was closed. Stop debiting it and ask the customer to link a different, open account.',
  ),
  R03: relink(
    'No Account/Unable to Locate Account',
    'The account number does not match an open account for this person. Stop debiting it and ask the customer to link the account again (a tokenized account number may have been revoked at the bank).',
  ),
  R04: relink(
    'Invalid Account Number Structure',
    'The account number is malformed for this bank. Ask the customer to link the account again; with a tokenized account number (TAN), a new processor token gives the current number.',
  ),
  R05: newAuthorization(
    'Unauthorized Debit to Consumer Account Using Corporate SEC Code',
    'A consumer account was debited with a corporate entry class. Get a consumer authorization (and use a consumer SEC code) before any new debit.',
  ),
  R06: neverRetry(
    'Returned per ODFI Request',
    'Your own bank (the ODFI) asked for the entry back, usually because it was sent in error. Do not retry; reconcile with your processor.',
  ),
  R07: newAuthorization(
    'Authorization Revoked by Customer',
    'The customer revoked the authorization for this debit. Do not debit again unless the customer gives you a new authorization.',
  ),
  R08: newAuthorization(
    'Payment Stopped',
    'The customer placed a stop payment on this debit. Do not resend it; talk to the customer and get a new authorization before any new debit.',
    false,
  ),
  R09: retryLater(
    'Uncollected Funds',
    'The balance included funds not yet collected. You may re-present the debit up to two more times within 180 days of the original settlement (Nacha); retry after a few business days.',
  ),
  R10: newAuthorization(
    'Customer Advises Originator is Not Known to Receiver and/or Originator is Not Authorized by Receiver to Debit Receiver’s Account',
    'The customer told their bank the debit was not authorized. Never retry it; stop debiting this account and get a new, provable authorization from the customer first.',
  ),
  R11: newAuthorization(
    'Customer Advises Entry Not in Accordance with the Terms of the Authorization',
    'The debit did not match what the customer authorized (amount, date or otherwise). Do not resend it as is; correct it to match the authorization (Nacha allows a corrected entry within 60 days) or get a new authorization.',
  ),
  R12: relink(
    'Account Sold to Another DFI',
    'The bank sold the branch holding the account. Ask the customer to link the account again with its new routing number.',
  ),
  R13: relink(
    'Invalid ACH Routing Number',
    'The routing number is not a valid ACH routing number. Ask the customer to link the account again.',
  ),
  R14: neverRetry(
    'Representative Payee Deceased or Unable to Continue in That Capacity',
    'The representative payee can no longer act. Stop debiting this account and handle the relationship outside of ACH.',
  ),
  R15: neverRetry(
    'Beneficiary or Account Holder (Other Than a Representative Payee) Deceased',
    'The account holder is deceased. Stop all debits to this account.',
  ),
  R16: neverRetry(
    'Account Frozen/Entry Returned per OFAC Instruction',
    'The account is frozen (legal action or an OFAC instruction). Stop debiting it; do not retry.',
  ),
  R17: neverRetry(
    'File Record Edit Criteria / Entry with Invalid Account Number Initiated Under Questionable Circumstances',
    'The bank could not process the entry or suspects fraud. Do not retry; review the customer and the account before taking any new payment.',
  ),
  R18: neverRetry('Improper Effective Entry Date', ORIGINATOR_FORMAT_ERROR),
  R19: neverRetry('Amount Field Error', ORIGINATOR_FORMAT_ERROR),
  R20: relink(
    'Non-Transaction Account',
    'The account does not allow ACH debits (e.g. some savings or money-market accounts). Ask the customer to link a checking account.',
  ),
  R21: neverRetry('Invalid Company Identification', ORIGINATOR_FORMAT_ERROR),
  R22: neverRetry('Invalid Individual ID Number', ORIGINATOR_FORMAT_ERROR),
  R23: neverRetry(
    'Credit Entry Refused by Receiver',
    'The receiver refused a credit (applies to payouts, not debits). Do not resend it; contact the receiver.',
  ),
  R24: neverRetry(
    'Duplicate Entry',
    'The bank saw this entry twice. Do not retry: check that the first one settled and that your integration reuses idempotency keys.',
  ),
  R25: neverRetry('Addenda Error', ORIGINATOR_FORMAT_ERROR),
  R26: neverRetry('Mandatory Field Error', ORIGINATOR_FORMAT_ERROR),
  R27: neverRetry('Trace Number Error', ORIGINATOR_FORMAT_ERROR),
  R28: relink(
    'Routing Number Check Digit Error',
    'The routing number fails its check digit. Ask the customer to link the account again.',
  ),
  R29: newAuthorization(
    'Corporate Customer Advises Not Authorized',
    'The business account holder told their bank the debit was not authorized. Never retry it; get a new authorization from the business first.',
  ),
  R30: neverRetry('RDFI Not Participant in Check Truncation Program', ORIGINATOR_FORMAT_ERROR),
  R31: neverRetry(
    'Permissible Return Entry (CCD and CTX only)',
    'The receiving bank returned a business entry with your agreement. Do not retry; settle the matter with the business directly.',
  ),
  R32: neverRetry(
    'RDFI Non-Settlement',
    'The receiving bank could not settle the entry. Do not retry automatically; contact your processor.',
  ),
  R33: neverRetry('Return of XCK Entry', RCK_ERROR),
  R34: relink(
    'Limited Participation DFI',
    'The receiving bank may not take part in ACH for this account. Ask the customer to link an account at another bank.',
  ),
  R35: neverRetry(
    'Return of Improper Debit Entry',
    'Debits are not allowed for this entry type or account (e.g. a debit on a credit-only entry class). Do not retry; fix the integration.',
  ),
  R36: neverRetry(
    'Return of Improper Credit Entry',
    'Credits are not allowed for this entry type. Do not retry; fix the integration.',
  ),
  R37: newAuthorization(
    'Source Document Presented for Payment',
    'The check used for this conversion entry was also presented for payment. Do not retry; reconcile with the customer.',
    false,
  ),
  R38: newAuthorization(
    'Stop Payment on Source Document',
    'The customer stopped payment on the source check. Do not retry; get a new authorization before any new debit.',
    false,
  ),
  R39: neverRetry('Improper Source Document/Source Document Presented for Payment', RCK_ERROR),
  R40: neverRetry('Return of ENR Entry by Federal Government Agency', ENR_ERROR),
  R41: neverRetry('Invalid Transaction Code', ENR_ERROR),
  R42: neverRetry('Routing Number/Check Digit Error', ENR_ERROR),
  R43: neverRetry('Invalid DFI Account Number', ENR_ERROR),
  R44: neverRetry('Invalid Individual ID Number/Identification Number', ENR_ERROR),
  R45: neverRetry('Invalid Individual Name/Company Name', ENR_ERROR),
  R46: neverRetry('Invalid Representative Payee Indicator', ENR_ERROR),
  R47: neverRetry('Duplicate Enrollment', ENR_ERROR),
  R50: neverRetry('State Law Affecting RCK Acceptance', RCK_ERROR),
  R51: newAuthorization(
    'Item Related to RCK Entry is Ineligible or RCK Entry is Improper',
    'The customer disputes the re-presented check entry. Do not retry; collect by other means.',
  ),
  R52: newAuthorization(
    'Stop Payment on Item Related to RCK Entry',
    'The customer stopped payment on the check. Do not retry; collect by other means.',
    false,
  ),
  R53: newAuthorization(
    'Item and RCK Entry Presented for Payment',
    'Both the check and its electronic re-presentment were presented. Do not retry; reconcile with the customer.',
    false,
  ),
  R61: neverRetry('Misrouted Return', DISHONORED_OR_CONTESTED),
  R62: neverRetry('Return of Erroneous or Reversing Debit', DISHONORED_OR_CONTESTED),
  R67: neverRetry('Duplicate Return', DISHONORED_OR_CONTESTED),
  R68: neverRetry('Untimely Return', DISHONORED_OR_CONTESTED),
  R69: neverRetry('Field Error(s)', DISHONORED_OR_CONTESTED),
  R70: neverRetry(
    'Permissible Return Entry Not Accepted/Return Not Requested by ODFI',
    DISHONORED_OR_CONTESTED,
  ),
  R71: neverRetry('Misrouted Dishonored Return', DISHONORED_OR_CONTESTED),
  R72: neverRetry('Untimely Dishonored Return', DISHONORED_OR_CONTESTED),
  R73: neverRetry('Timely Original Return', DISHONORED_OR_CONTESTED),
  R74: neverRetry('Corrected Return', DISHONORED_OR_CONTESTED),
  R75: neverRetry('Return Not a Duplicate', DISHONORED_OR_CONTESTED),
  R76: neverRetry('No Errors Found', DISHONORED_OR_CONTESTED),
  R77: neverRetry('Non-Acceptance of R62 Dishonored Return', DISHONORED_OR_CONTESTED),
  R80: neverRetry('IAT Entry Coding Error', IAT_ERROR),
  R81: neverRetry('Non-Participant in IAT Program', IAT_ERROR),
  R82: neverRetry('Invalid Foreign Receiving DFI Identification', IAT_ERROR),
  R83: neverRetry('Foreign Receiving DFI Unable to Settle', IAT_ERROR),
  R84: neverRetry('Entry Not Processed by Gateway', IAT_ERROR),
  R85: neverRetry('Incorrectly Coded Outbound International Payment', IAT_ERROR),
};
