import { PLAID_ERROR_TABLE } from './plaid-error-table.generated.js';

/** How a Plaid error is resolved: by the developer, by the end user, by retrying later, or unknown. */
export type PlaidErrorCategory = 'client_action' | 'user_action' | 'retryable' | 'unknown';

/** Where a Plaid error surfaces: Link adding an Item, Link update mode, or an API call. */
export type PlaidErrorOccurrence = 'link-add' | 'link-update' | 'api';

/** What achbridge knows about one Plaid error code. */
export interface PlaidErrorDescription {
  /** The Plaid `error_code`. */
  code: string;
  /** The Plaid `error_type` it is documented under (`UNKNOWN` when not catalogued). */
  type: string;
  /** Who has to act. */
  category: PlaidErrorCategory;
  /** Where it occurs. */
  when: PlaidErrorOccurrence[];
  /** What to do about it. */
  remediation: string;
}

const EVERYWHERE: PlaidErrorOccurrence[] = ['link-add', 'link-update', 'api'];

const GENERIC_BY_TYPE: Readonly<Record<string, { category: PlaidErrorCategory; advice: string }>> = {
  INVALID_REQUEST: { category: 'client_action', advice: 'The request is malformed; fix the request.' },
  INVALID_INPUT: { category: 'client_action', advice: 'A value in the request is invalid; fix the input.' },
  INVALID_RESULT: {
    category: 'client_action',
    advice: 'The request cannot produce a valid result; check its inputs.',
  },
  ITEM_ERROR: {
    category: 'user_action',
    advice: 'The Item needs attention; Link update mode usually repairs it.',
  },
  INSTITUTION_ERROR: { category: 'retryable', advice: 'The institution has trouble; retry later.' },
  RATE_LIMIT_EXCEEDED: { category: 'retryable', advice: 'Too many requests; back off and retry later.' },
  API_ERROR: { category: 'retryable', advice: 'Plaid had an internal error; retry with backoff.' },
};

/** Every code in the catalog (the project's Plaid error table, specs/data/plaid-errors.json), sorted. */
export function listPlaidErrorCodes(): string[] {
  return Object.keys(PLAID_ERROR_TABLE).sort();
}

/**
 * Describes a Plaid error code: its type, who must act, where it occurs and what to do. An unknown code
 * (or a non-string) never throws: it gets category `unknown` and generic advice, refined by `errorType`.
 */
export function describePlaidError(code: unknown, errorType?: unknown): PlaidErrorDescription {
  const key = typeof code === 'string' ? code.trim().toUpperCase() : '';
  const entry = Object.hasOwn(PLAID_ERROR_TABLE, key) ? PLAID_ERROR_TABLE[key] : undefined;
  if (entry) return { code: key, ...entry, when: [...entry.when] };
  const type = typeof errorType === 'string' && errorType !== '' ? errorType : 'UNKNOWN';
  const hint = Object.hasOwn(GENERIC_BY_TYPE, type) ? GENERIC_BY_TYPE[type] : undefined;
  return {
    code: key === '' ? 'UNKNOWN' : key,
    type,
    category: 'unknown',
    when: [...EVERYWHERE],
    remediation:
      `${hint ? `${hint.advice} ` : ''}This Plaid error code is not in achbridge's catalog; ` +
      "read error_message and Plaid's errors documentation (https://plaid.com/docs/errors/), and quote the request_id to Plaid Support if it persists.",
  };
}

/** The category implied by an error type alone, for codes the catalog does not know. */
export function categoryOfPlaidErrorType(errorType: string): PlaidErrorCategory {
  return Object.hasOwn(GENERIC_BY_TYPE, errorType)
    ? (GENERIC_BY_TYPE[errorType]?.category ?? 'unknown')
    : 'unknown';
}
