/** Why a transport gave up: the request's own deadline passed (not the caller's abort). */
export class TransportTimeout extends Error {
  /** Marks the error for `isTransportTimeout` across module copies. */
  readonly achbridgeTransportTimeout = true;

  /** Creates the rejection for a request that got no complete answer within `timeoutMs`. */
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TransportTimeout';
  }
}

/** Whether a transport rejected because of its own deadline. */
export function isTransportTimeout(error: unknown): error is TransportTimeout {
  return (error as { achbridgeTransportTimeout?: unknown } | null)?.achbridgeTransportTimeout === true;
}
