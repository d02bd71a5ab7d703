import Stripe from 'stripe';

/** Error codes stripe-node retries once by itself, even with `maxNetworkRetries: 0`. */
const CONNECTION_CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * stripe-node's Node HTTP client, except that a closed connection (ECONNRESET/EPIPE) is reported under
 * another code: stripe-node would otherwise retry it once on its own, stacking with achbridge's
 * `withRetry`. The request still fails as a StripeConnectionError, which achbridge retries with the
 * same idempotency key.
 */
export function createSingleAttemptHttpClient(): Stripe.HttpClient {
  const inner = Stripe.createNodeHttpClient();
  return {
    getClientName: () => inner.getClientName(),
    makeRequest: (host, port, path, method, headers, requestData, protocol, timeout) =>
      inner
        .makeRequest(host, port, path, method, headers, requestData, protocol, timeout)
        .catch((error: unknown) => {
          const code = (error as { code?: unknown } | null)?.code;
          if (typeof code === 'string' && CONNECTION_CLOSED_CODES.has(code)) {
            const closed = new Error(`the connection was closed (${code})`, { cause: error });
            Object.assign(closed, { code: `ACHBRIDGE_CONNECTION_CLOSED_${code}` });
            throw closed;
          }
          throw error;
        }),
  };
}
