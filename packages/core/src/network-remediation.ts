import type { NetworkErrorReason, ProviderName } from './errors.js';

const PROVIDER_LABEL: Readonly<Record<string, string>> = {
  plaid: 'Plaid',
  stripe: 'Stripe',
  dwolla: 'Dwolla',
};

/** A provider's display name: the known ones spelt as their owners spell them, any other capitalised. */
const labelOf = (provider: ProviderName): string =>
  PROVIDER_LABEL[provider] ?? `${provider.charAt(0).toUpperCase()}${provider.slice(1)}`;

const RERUN_IS_SAFE =
  'Re-running the same achbridge call is safe: creating requests reuse their idempotency key, and link() returns what an earlier attempt created instead of making a second one.';

/** Advice for an aborted public-token exchange: the token is single use, so an abort after sending loses it. */
export const ABORTED_EXCHANGE_REMEDIATION =
  'Your AbortSignal cancelled the public token exchange. If you aborted before the request was sent or while it waited to retry, ' +
  'calling link() again with the same public token is safe. If the request was already sent, Plaid most likely consumed the single-use public token ' +
  'and its access token is lost: the re-run fails with INVALID_PUBLIC_TOKEN, and the user must go through Link again for a new public token. ' +
  'To avoid it, do not abort the exchange step: exchange once, store the access token at once, and pass accessToken to link().';

/** What to do about a request that got no usable answer, by why it got none (and which endpoint it was). */
export function networkRemediation(
  provider: ProviderName,
  reason: NetworkErrorReason,
  endpoint?: string,
): string {
  const name = labelOf(provider);
  if (reason === 'aborted' && provider === 'plaid' && endpoint === '/item/public_token/exchange') {
    return ABORTED_EXCHANGE_REMEDIATION;
  }
  switch (reason) {
    case 'timeout':
      return `${name} did not answer within the timeout, so the request may or may not have been applied. ${RERUN_IS_SAFE} If timeouts persist, check connectivity to ${name} and its status page, or raise timeoutMs.`;
    case 'reset':
      return `The connection to ${name} closed before an answer arrived, so the request may or may not have been applied. ${RERUN_IS_SAFE} If it persists, check proxies and firewalls between you and ${name}.`;
    case 'unreachable':
      return `${name} could not be reached (DNS failure or connection refused); nothing was sent. Check baseUrl, DNS, proxy and firewall settings, then retry.`;
    case 'aborted':
      return `Your AbortSignal cancelled the call to ${name} and its retries. A request already sent may have been applied; repeat the same call to get its result. ${RERUN_IS_SAFE}`;
    default:
      return `The request to ${name} failed without an answer, so it may or may not have been applied. ${RERUN_IS_SAFE}`;
  }
}
