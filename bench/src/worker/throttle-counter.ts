import { AsyncLocalStorage } from 'node:async_hooks';
import Stripe from 'stripe';
import type { FlowHooks } from '../flows/flow-types.js';

/** Counts 429 answers per flow: run each flow inside `track`, give the clients `hooks`. */
export interface ThrottleCounter {
  hooks: FlowHooks;
  /** Runs one flow; `throttled` counts its 429 answers whether it succeeded or not. */
  track<T>(run: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; throttled: number }>;
}

/** Creates the counter; the hooks wrap fetch and stripe-node's HTTP client without changing requests. */
export function createThrottleCounter(): ThrottleCounter {
  const storage = new AsyncLocalStorage<{ throttled: number }>();
  const note = (status: number): void => {
    const store = storage.getStore();
    if (store && status === 429) store.throttled += 1;
  };
  const countingFetch = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const response = await globalThis.fetch(input, init);
    note(response.status);
    return response;
  };
  const countingStripeClient = (): Stripe.HttpClient => {
    const inner = Stripe.createNodeHttpClient();
    return {
      getClientName: () => inner.getClientName(),
      makeRequest: async (host, port, path, method, headers, requestData, protocol, timeout) => {
        const response = await inner.makeRequest(
          host,
          port,
          path,
          method,
          headers,
          requestData,
          protocol,
          timeout,
        );
        note(response.getStatusCode());
        return response;
      },
    };
  };
  return {
    hooks: {
      fetch: countingFetch,
      // What createStripeAdapter builds from settings (no SDK retries), plus the counting HTTP client.
      stripeInstance: (info) =>
        new Stripe(info.stripe.secretKey, {
          host: info.stripe.host,
          port: info.stripe.port,
          protocol: info.stripe.protocol,
          maxNetworkRetries: 0,
          httpClient: countingStripeClient(),
        }),
    },
    async track(run) {
      const store = { throttled: 0 };
      const [result] = await Promise.allSettled([storage.run(store, run)]);
      return {
        result: result as PromiseSettledResult<Awaited<ReturnType<typeof run>>>,
        throttled: store.throttled,
      };
    },
  };
}
