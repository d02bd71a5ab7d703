const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * Plaid's retry schedule: a non-200 answer, or none within 10 seconds, is retried for up to 24 hours, the
 * first retry 30 seconds later and each next delay 4 times the one before (Plaid Docs, "Webhook retries",
 * plaid.com/docs/api/webhooks/; restated in Plaid's support article "Can Plaid re-push failed or missed
 * webhook events"). 30 s, 2 min, 8 min, 32 min, 128 min and 512 min add up to about 11.4 h; the next delay
 * (2,048 min) would end past the 24 hours, so six retries follow the first attempt.
 */
export const PLAID_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [
  30 * SECOND,
  2 * MINUTE,
  8 * MINUTE,
  32 * MINUTE,
  128 * MINUTE,
  512 * MINUTE,
];
