import { AchBridgeError, hasErrorMarker, setErrorMarker } from '@achbridge/core';

/** HTTP statuses the sample's own errors use. */
export type SampleErrorStatus = 400 | 404 | 409;

/** An error of the sample itself (unknown item, duplicate Item, feature unavailable), with its HTTP status. */
export class SampleError extends AchBridgeError {
  /** The HTTP status the server answers with. */
  readonly status: SampleErrorStatus;
  /** Extra JSON-safe details for the client (never secrets). */
  readonly details: Record<string, unknown>;

  constructor(
    status: SampleErrorStatus,
    code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, message);
    this.name = 'SampleError';
    this.status = status;
    this.details = details;
    setErrorMarker(this, 'SampleError');
  }

  /** Whether `error` is a SampleError. */
  static override isInstance(error: unknown): error is SampleError {
    return hasErrorMarker(error, 'SampleError');
  }
}
