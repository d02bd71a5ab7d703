/** A view of response headers: only the lookup achbridge needs (a fetch `Headers` is one). */
export interface HeaderView {
  /** The value of a header (case-insensitive name), or null when absent; repeated headers are joined with ", ". */
  get(name: string): string | null;
}

/** One request for a platform transport. */
export interface TransportRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** The caller's signal; aborting it destroys the request. */
  signal?: AbortSignal | undefined;
  /** Deadline for the whole exchange (headers and body), in ms. */
  timeoutMs: number;
}

/** What a platform transport resolves with. */
export interface TransportAnswer {
  status: number;
  headers: HeaderView;
  text: string;
}

/** A pending timeout from `Platform.scheduleTimeout`; `cancel` is idempotent. */
export interface PendingTimeout {
  cancel(): void;
}

/** What differs between runtimes; everything else in achbridge is the same code on every runtime. */
export interface Platform {
  /** `node` (node:http and node:crypto) or `web` (fetch and plain-JavaScript hashing). */
  readonly name: 'node' | 'web';
  /** Sends one request with the runtime's default HTTP client; rejects with a `TransportTimeout` on the deadline. */
  send(request: TransportRequest): Promise<TransportAnswer>;
  /** Runs `onTimeout` after `ms` unless cancelled first. */
  scheduleTimeout(ms: number, onTimeout: () => void): PendingTimeout;
  /** SHA-256 of text (UTF-8) or bytes. */
  sha256(data: string | Uint8Array): Uint8Array;
  /** HMAC-SHA256 of text (UTF-8) or bytes under a key. */
  hmacSha256(key: string | Uint8Array, data: string | Uint8Array): Uint8Array;
}
