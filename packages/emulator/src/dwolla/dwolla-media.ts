import type { EmulatorResponse } from '../types.js';

/** Dwolla's versioned HAL media type, required in `Accept`. */
export const DWOLLA_MEDIA_TYPE = 'application/vnd.dwolla.v1.hal+json';

/** The `Content-Type` Dwolla answers with. */
export const DWOLLA_CONTENT_TYPE = `${DWOLLA_MEDIA_TYPE}; charset=UTF-8`;

/** A HAL+JSON response with Dwolla's content type. */
export function halResponse(status: number, body: unknown): EmulatorResponse {
  return { status, headers: { 'content-type': DWOLLA_CONTENT_TYPE }, body };
}

/** Dwolla's `201 Created`: empty body, new resource URL in `Location`. */
export function createdResponse(location: string): EmulatorResponse {
  return { status: 201, headers: { location }, body: '' };
}
