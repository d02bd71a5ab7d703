import type { StepEvent } from '../flows/step-runner.js';

/** A verified Plaid webhook as the live event log shows it. */
export interface WebhookLogEvent {
  type: 'webhook';
  /** `verified` after the Plaid-Verification JWT and body hash checked out. */
  verified: true;
  receivedAt: string;
  /** `ITEM.ERROR`, `ITEM.LOGIN_REPAIRED`, ... (`unknown` for codes achbridge does not model). */
  kind: string;
  webhookType: string | null;
  webhookCode: string | null;
  itemId: string | null;
  /** The Item error with category and remediation, for ITEM ERROR webhooks. */
  error: { code: string; category: string; remediation: string; message: string } | null;
}

/** A webhook delivery that failed verification (and was answered 400). */
export interface WebhookRejectedEvent {
  type: 'webhook_rejected';
  receivedAt: string;
  reason: string;
  message: string;
}

/** Everything the server pushes to the page over Server-Sent Events. */
export type SampleEvent = StepEvent | WebhookLogEvent | WebhookRejectedEvent;
