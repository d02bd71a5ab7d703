/** The provider a call went to: `plaid` or a registered processor's key (e.g. `modern_treasury`). */
export type CallProvider = string;

/** One HTTP call to a provider, as shown next to a flow step (never with bodies or tokens). */
export interface ProviderCall {
  provider: CallProvider;
  /** HTTP method, e.g. `POST`. */
  method: string;
  /** Path without query string, e.g. `/item/public_token/exchange` or `/v1/customers`. */
  endpoint: string;
  /** HTTP status, or null when no answer arrived. */
  status: number | null;
  /** The provider's request id (Plaid `request_id`, Stripe `Request-Id`, Dwolla `X-Request-Id`). */
  requestId: string | null;
}
