const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/**
 * Dwolla's retry schedule: a failed delivery is re-attempted 8 times over 72 hours, 15 minutes, 45 minutes,
 * 2, 3, 6, 12, 24 and 24 hours after the attempt before (Dwolla API reference, "Webhook subscriptions",
 * developers.dwolla.com/docs/api-reference/webhook-subscriptions).
 */
export const DWOLLA_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [
  15 * MINUTE,
  45 * MINUTE,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
  24 * HOUR,
];
