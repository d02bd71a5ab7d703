import diagnostics from 'node:diagnostics_channel';

/** Counts the HTTP requests a process sends and the 429 answers it gets, for every client in it. */
export interface CallCounter {
  /** Requests started since `start`. */
  readonly requests: number;
  /** 429 answers since `start`. */
  readonly throttled: number;
  /**
   * Round trips on the critical path since `start` or the last `resetPath`: the longest chain of requests
   * each of which started only after the one before it had been answered. A request's depth is 1 + the
   * greatest depth among the requests already answered when it started, so requests that are in flight
   * together share a depth: 4 calls made as exchange → (accounts ‖ token) → create are 3 round trips.
   */
  readonly roundTrips: number;
  /** Subscribes (counters from 0); without a subscriber, Node publishes nothing and the count costs nothing. */
  start(): void;
  /** Starts a new critical path (between flows that run one at a time). */
  resetPath(): void;
  /** Unsubscribes; the counters keep their values. */
  stop(): void;
}

/**
 * Creates a counter over Node's diagnostics channels: `node:http` (achbridge's default transport,
 * stripe-node, axios, node-fetch and the floor) and undici (`fetch`). It observes without wrapping any
 * transport, so every client runs with its library's default. A request counts as answered when its
 * response headers arrive (`http.client.response.finish` / `undici:request:headers`), which is before any
 * code that depends on the answer can run.
 */
export function createCallCounter(): CallCounter {
  let requests = 0;
  let throttled = 0;
  // Depth of each request in flight (keyed by the request object both channels carry).
  let depths = new WeakMap<object, number>();
  let answeredDepth = 0;
  let roundTrips = 0;
  const onRequest = (message: unknown): void => {
    requests += 1;
    const request = (message as { request?: unknown }).request;
    const depth = answeredDepth + 1;
    if (typeof request === 'object' && request !== null) depths.set(request, depth);
    if (depth > roundTrips) roundTrips = depth;
  };
  const onAnswer = (message: unknown): void => {
    const { request, response } = message as {
      request?: unknown;
      response?: { statusCode?: number };
    };
    if (response?.statusCode === 429) throttled += 1;
    if (typeof request !== 'object' || request === null) return;
    const depth = depths.get(request);
    if (depth !== undefined && depth > answeredDepth) answeredDepth = depth;
  };
  const subscriptions: [string, (message: unknown) => void][] = [
    ['http.client.request.start', onRequest],
    ['undici:request:create', onRequest],
    ['http.client.response.finish', onAnswer],
    ['undici:request:headers', onAnswer],
  ];
  const resetPath = (): void => {
    depths = new WeakMap();
    answeredDepth = 0;
    roundTrips = 0;
  };
  return {
    get requests() {
      return requests;
    },
    get throttled() {
      return throttled;
    },
    get roundTrips() {
      return roundTrips;
    },
    start() {
      requests = 0;
      throttled = 0;
      resetPath();
      for (const [name, handler] of subscriptions) diagnostics.subscribe(name, handler);
    },
    resetPath,
    stop() {
      for (const [name, handler] of subscriptions) diagnostics.unsubscribe(name, handler);
    },
  };
}
