import type { MtPaymentOrderRecord } from './mt-state.js';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * When a payment order moves, on the emulated clock. Modern Treasury's sandbox relays payment orders at
 * Gringotts Wizarding Bank "every minute" ("Building in Sandbox"), `processing` is "a very short state"
 * ("Payment Order Statuses"), and a standard ACH posts about a business day after it is sent; simulated
 * returns arrive "after the original payment orders have been sent to the bank", after completion.
 */
export const MT_PAYMENT_TIMELINE = Object.freeze({
  processingAfterMs: MINUTE_MS,
  sentAfterMs: 2 * MINUTE_MS,
  completedAfterMs: DAY_MS,
  returnedAfterMs: 3 * DAY_MS,
});

/** Modern Treasury payment order statuses the emulator produces. */
export type MtPaymentOrderStatus = 'approved' | 'processing' | 'sent' | 'completed' | 'returned' | 'failed';

/** A payment order's status at `now`, and when it entered that status. */
export function paymentOrderStatusAt(
  order: MtPaymentOrderRecord,
  now: number,
): { status: MtPaymentOrderStatus; since: number; returnedAt: number | null } {
  const at = (offset: number): number => order.createdAt + offset;
  const t = MT_PAYMENT_TIMELINE;
  if (order.forcedReturn && now >= order.forcedReturn.at) {
    return { status: 'returned', since: order.forcedReturn.at, returnedAt: order.forcedReturn.at };
  }
  if (now < at(t.processingAfterMs)) return { status: 'approved', since: order.createdAt, returnedAt: null };
  if (now < at(t.sentAfterMs))
    return { status: 'processing', since: at(t.processingAfterMs), returnedAt: null };
  if (order.outcome.kind === 'fail') return { status: 'failed', since: at(t.sentAfterMs), returnedAt: null };
  if (now < at(t.completedAfterMs)) return { status: 'sent', since: at(t.sentAfterMs), returnedAt: null };
  if (order.outcome.kind === 'return' && now >= at(t.returnedAfterMs)) {
    return { status: 'returned', since: at(t.returnedAfterMs), returnedAt: at(t.returnedAfterMs) };
  }
  return { status: 'completed', since: at(t.completedAfterMs), returnedAt: null };
}

/** The code of the return a payment order carries (forced or simulated), if any. */
export function returnCodeOf(order: MtPaymentOrderRecord): string | undefined {
  if (order.forcedReturn) return order.forcedReturn.code;
  return order.outcome.kind === 'return' ? order.outcome.code : undefined;
}

/**
 * How the emulated sandbox ends a payment order to this receiving account number, per Modern Treasury's
 * "Test counterparties" page: `100XX` returns with ACH code `RXX`, `11111111…` fails, anything else completes.
 */
export function outcomeForAccountNumber(accountNumber: string): MtPaymentOrderRecord['outcome'] {
  const returned = /^100(\d\d)$/.exec(accountNumber);
  if (returned) return { kind: 'return', code: `R${returned[1]}`, at: 'after-completion' };
  if (/^11111111\d+$/.test(accountNumber) && accountNumber.length > 8) return { kind: 'fail' };
  return { kind: 'complete' };
}

const RETURN_REASONS: Record<string, string> = {
  R01: 'Insufficient Funds',
  R02: 'Account Closed',
  R03: 'No Account/Unable to Locate Account',
  R04: 'Invalid Account Number Structure',
  R05: 'Unauthorized Debit to Consumer Account Using Corporate SEC Code',
  R07: 'Authorization Revoked by Customer',
  R08: 'Payment Stopped',
  R09: 'Uncollected Funds',
  R10: 'Customer Advises Originator is Not Known to Receiver and/or Originator is Not Authorized by Receiver to Debit Receiver’s Account',
  R16: 'Account Frozen/Entry Returned Per OFAC Instruction',
  R20: 'Non-Transaction Account',
  R29: 'Corporate Customer Advises Not Authorized',
};

/** The NACHA reason text for a return code (a generic text for codes the table lacks). */
export function returnReason(code: string): string {
  return RETURN_REASONS[code] ?? 'Returned by the receiving bank';
}
