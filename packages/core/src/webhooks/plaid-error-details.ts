import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { describePlaidError, type PlaidErrorCategory } from '../plaid/plaid-error-catalog.js';

/** A Plaid error object (from a webhook or `/item/get`) in camelCase, plus achbridge's catalog advice. */
export interface PlaidErrorDetails {
  /** Plaid's `error_type`, e.g. `ITEM_ERROR`. */
  errorType: string;
  /** Plaid's `error_code`, e.g. `ITEM_LOGIN_REQUIRED`. */
  errorCode: string;
  /** Plaid's `error_code_reason` (OAuth Item errors only), e.g. `OAUTH_CONSENT_EXPIRED`. */
  errorCodeReason: string | null;
  /** Developer-facing text from Plaid (may change; not for logic). */
  errorMessage: string;
  /** User-facing text from Plaid, or null. */
  displayMessage: string | null;
  /** HTTP status Plaid attaches to webhook-delivered errors. */
  status: number | null;
  /** Plaid's documentation link for this error, when sent. */
  documentationUrl: string | null;
  /** Plaid's suggested action, when sent. */
  suggestedAction: string | null;
  /** Who has to act, from achbridge's error catalog (`unknown` for codes it does not know). */
  category: PlaidErrorCategory;
  /** What to do, from achbridge's error catalog. */
  remediation: string;
}

/** Schema of Plaid's error object; tolerant so new or missing optional fields never break parsing. */
export const webhookErrorBodySchema = lazySchema(() =>
  z.looseObject({
    error_code: z.string().min(1),
    error_type: z.string().nullish(),
    error_code_reason: z.string().nullish(),
    error_message: z.string().nullish(),
    display_message: z.string().nullish(),
    status: z.number().nullish(),
    documentation_url: z.string().nullish(),
    suggested_action: z.string().nullish(),
  }),
);

/** Plaid's error object as `webhookErrorBodySchema` reads it. */
export type PlaidErrorBodyInput = z.output<ReturnType<typeof webhookErrorBodySchema>>;

/** Maps a Plaid error object to camelCase and attaches the catalog's category and remediation. */
export function toPlaidErrorDetails(body: PlaidErrorBodyInput): PlaidErrorDetails {
  const described = describePlaidError(body.error_code, body.error_type ?? undefined);
  return {
    errorType: body.error_type ?? described.type,
    errorCode: body.error_code,
    errorCodeReason: body.error_code_reason ?? null,
    errorMessage: body.error_message ?? '',
    displayMessage: body.display_message ?? null,
    status: body.status ?? null,
    documentationUrl: body.documentation_url ?? null,
    suggestedAction: body.suggested_action ?? null,
    category: described.category,
    remediation: described.remediation,
  };
}
