import { remediationAfterLostAnswer } from './plaid-lost-answer.js';

/** Plaid's endpoint that exchanges a single-use public token. */
const EXCHANGE_ENDPOINT = '/item/public_token/exchange';

/** The remediation of INVALID_PUBLIC_TOKEN when Plaid says the token was already exchanged. */
export const ALREADY_EXCHANGED_REMEDIATION =
  'This public token was already exchanged: public tokens are single use. If your app exchanged it before (a ' +
  're-run of link(), or a retry after a crash), pass the accessToken stored from that exchange to link() instead ' +
  'of the publicToken. Only if no access token was stored, send the user through Link again for a new public token.';

/** Advice for a retryable Plaid error that still failed on every attempt (so "retry" alone would be wrong). */
export function exhaustedRetriesRemediation(status: number, attempts: number, advice: string): string {
  return (
    `Plaid answered HTTP ${status} on all ${attempts} attempts: achbridge already retried with backoff and ` +
    `gives up now. Wait, then run the same call again later; if it keeps failing, check status.plaid.com and ` +
    `quote the request id to Plaid Support. (${advice})`
  );
}

/** What the transport knows about a Plaid error answer when it picks the advice. */
export interface PlaidErrorContext {
  endpoint: string;
  errorCode: string;
  errorMessage: string;
  /** An earlier attempt of the same request got no answer. */
  answerLost: boolean;
}

/**
 * Advice that replaces the catalog's when the context says more than the error code: a lost earlier
 * attempt, or an exchange of a public token Plaid says was already exchanged; undefined when the catalog's
 * advice stands.
 */
export function remediationInContext(context: PlaidErrorContext): string | undefined {
  if (context.answerLost) {
    const afterLost = remediationAfterLostAnswer(context.endpoint, context.errorCode);
    if (afterLost !== undefined) return afterLost;
  }
  if (
    context.endpoint === EXCHANGE_ENDPOINT &&
    context.errorCode === 'INVALID_PUBLIC_TOKEN' &&
    /already (been )?exchanged|already used/i.test(context.errorMessage) &&
    // "expired or has already been exchanged" is ambiguous: the catalog's advice covers both cases.
    !/expired/i.test(context.errorMessage)
  ) {
    return ALREADY_EXCHANGED_REMEDIATION;
  }
  return undefined;
}
