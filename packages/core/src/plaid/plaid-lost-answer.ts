/** Plaid's endpoint that exchanges a single-use public token. */
const EXCHANGE_ENDPOINT = '/item/public_token/exchange';

/** The remediation of INVALID_PUBLIC_TOKEN when an earlier attempt of the same exchange got no answer. */
export const LOST_EXCHANGE_REMEDIATION =
  'An earlier attempt of this exchange got no answer (timeout or dropped connection) but most likely reached Plaid: ' +
  'it consumed the single-use public token, and the access token it produced never arrived. This public token ' +
  'cannot be exchanged again. Send the user through Link again for a new public token and exchange that one. To ' +
  'avoid this, exchange the public token once, store the access token at once, and pass accessToken to link().';

/**
 * Advice for an error answer that came after an earlier attempt of the same request got no answer, when
 * the lost attempt explains it; undefined when the catalog's advice stands.
 */
export function remediationAfterLostAnswer(endpoint: string, errorCode: string): string | undefined {
  if (endpoint === EXCHANGE_ENDPOINT && errorCode === 'INVALID_PUBLIC_TOKEN')
    return LOST_EXCHANGE_REMEDIATION;
  return undefined;
}
