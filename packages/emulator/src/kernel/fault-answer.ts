import type { EmulatorResponse, FaultErrorOptions } from '../types.js';

/** A provider's two ways of answering an injected failure: its own error answer, or a proxy's HTML page. */
export interface FaultAnswerSpec {
  /** The provider's error answer for the status: its headers (e.g. content type) and JSON body. */
  json(status: number): { headers?: Record<string, string>; body: unknown };
  /** The HTML page and its headers, answered instead when the fault asks for `html`. */
  html(status: number): { headers: Record<string, string>; body: string };
}

/** Answers an injected failure the provider's way: its HTML page or its error body, with `retry-after` when set. */
export function answerFault(
  status: number,
  options: FaultErrorOptions,
  spec: FaultAnswerSpec,
): EmulatorResponse {
  const retryAfter: Record<string, string> =
    options.retryAfterSeconds === undefined ? {} : { 'retry-after': String(options.retryAfterSeconds) };
  const answer = options.html === true ? spec.html(status) : spec.json(status);
  return { status, headers: { ...retryAfter, ...answer.headers }, body: answer.body };
}

/** Looks an injected status up in a provider's error table; other statuses get its server (5xx) or client fallback. */
export function faultFieldsFor<T>(
  status: number,
  table: Readonly<Record<number, T>>,
  fallback: { server(): T; client(): T },
): T {
  return table[status] ?? (status >= 500 ? fallback.server() : fallback.client());
}

/** The title of an HTML fault page, e.g. `503 Service Unavailable`, from a provider's reason phrases (else `Error`). */
export function faultPageTitle(status: number, reasons: Readonly<Record<number, string>>): string {
  return `${status} ${reasons[status] ?? 'Error'}`;
}
