import diagnostics from 'node:diagnostics_channel';

/** Counts the HTTP requests a process sends and the 429 answers it gets, for every client in it. */
export interface CallCounter {
  /** Requests started since `start`. */
  readonly requests: number;
  /** 429 answers since `start`. */
  readonly throttled: number;
  /** Subscribes (counters from 0); without a subscriber, Node publishes nothing and the count costs nothing. */
  start(): void;
  /** Unsubscribes; the counters keep their values. */
  stop(): void;
}

/**
 * Creates a counter over Node's diagnostics channels: `node:http` (achbridge's default transport,
 * stripe-node, axios, node-fetch and the floor) and undici (`fetch`). It observes without wrapping any
 * transport, so every client runs with its library's default.
 */
export function createCallCounter(): CallCounter {
  let requests = 0;
  let throttled = 0;
  const onRequest = (): void => {
    requests += 1;
  };
  const onHttpResponse = (message: unknown): void => {
    if ((message as { response?: { statusCode?: number } }).response?.statusCode === 429) throttled += 1;
  };
  const onUndiciHeaders = (message: unknown): void => {
    if ((message as { response?: { statusCode?: number } }).response?.statusCode === 429) throttled += 1;
  };
  const subscriptions: [string, (message: unknown) => void][] = [
    ['http.client.request.start', onRequest],
    ['undici:request:create', onRequest],
    ['http.client.response.finish', onHttpResponse],
    ['undici:request:headers', onUndiciHeaders],
  ];
  return {
    get requests() {
      return requests;
    },
    get throttled() {
      return throttled;
    },
    start() {
      requests = 0;
      throttled = 0;
      for (const [name, handler] of subscriptions) diagnostics.subscribe(name, handler);
    },
    stop() {
      for (const [name, handler] of subscriptions) diagnostics.unsubscribe(name, handler);
    },
  };
}
