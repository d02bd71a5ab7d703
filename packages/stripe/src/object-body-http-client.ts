import type { FetchFunction } from '@achbridge/core';
import type Stripe from 'stripe';
import { createPlatformHttpClient } from '#stripe-platform';
import type { StripeSdk } from './load-stripe-sdk.js';

type SdkResponse = Awaited<ReturnType<Stripe.HttpClient['makeRequest']>>;

/**
 * Makes the response's JSON body an object or a rejection. stripe-node attaches `lastResponse` to the
 * parsed body with `Object.defineProperty`; for a JSON primitive (`false`, `0`, `"x"`, from a broken
 * proxy) that throws outside the request's promise chain, and the call never settles. A rejected
 * `toJSON` becomes stripe-node's "Invalid JSON received from the Stripe API" error instead.
 */
function withObjectBody(response: SdkResponse): SdkResponse {
  const toJSON = response.toJSON.bind(response);
  response.toJSON = () =>
    toJSON().then((body: unknown) => {
      if (typeof body !== 'object' || body === null) {
        throw new Error(`the body is ${body === null ? 'null' : `a JSON ${typeof body}`}, not an object`);
      }
      return body;
    });
  return response;
}

/**
 * The caller's fetch in the shape stripe-node's fetch client takes (`typeof fetch`): stripe-node only ever
 * passes a URL string, which every fetch function accepts; a `Request` would be a bug, and says so.
 */
function asSdkFetch(fetchFunction: FetchFunction): typeof fetch {
  return (input, init) => {
    if (typeof input !== 'string' && !(input instanceof URL)) {
      return Promise.reject(new TypeError('stripe-node passed a Request object; expected a URL string'));
    }
    return fetchFunction(input, init);
  };
}

/**
 * stripe-node's HTTP client, passed through the SDK's documented `httpClient` option: with `fetchFunction`,
 * the SDK's own fetch client over it (`Stripe.createFetchHttpClient(fetch)`); without, the runtime's default
 * (its Node client on Node, its fetch client on workerd, Deno and Bun). One guard either way: a JSON body
 * that is not an object is reported as invalid JSON (see `withObjectBody`) instead of leaving the call
 * unsettled. Everything else, including stripe-node's own handling of closed connections, is the SDK's.
 * Takes the loaded SDK so that this module never imports `stripe` at run time.
 */
export function createObjectBodyHttpClient(
  sdk: StripeSdk,
  fetchFunction?: FetchFunction | undefined,
): Stripe.HttpClient {
  const inner =
    fetchFunction === undefined
      ? createPlatformHttpClient(sdk)
      : sdk.createFetchHttpClient(asSdkFetch(fetchFunction));
  return {
    getClientName: () => inner.getClientName(),
    makeRequest: (host, port, path, method, headers, requestData, protocol, timeout) =>
      inner
        .makeRequest(host, port, path, method, headers, requestData, protocol, timeout)
        .then(withObjectBody),
  };
}
