import type { z } from 'zod';

/** A validated answer of a fixture request. */
export interface FixtureAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * `fetch`, repeated once when the pooled keep-alive socket it used had been closed by the emulator while
 * idle (undici's "other side closed"): after a phase that spawns processes for a while (cold start, the
 * runtime section), every pooled socket is stale, and the repeat goes out on a fresh one. Setup only: a
 * request on a closed socket never reached the emulator.
 */
async function fetchOnFreshSocketIfStale(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause =
      error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
    const stale = cause?.code === 'UND_ERR_SOCKET' && cause.message === 'other side closed';
    if (!stale) throw error;
    return fetch(url, init);
  }
}

async function send<S extends z.ZodType>(
  url: string,
  init: RequestInit,
  schema: S,
  expectStatus: number,
): Promise<FixtureAnswer<z.output<S>>> {
  const response = await fetchOnFreshSocketIfStale(url, init);
  const text = await response.text();
  if (response.status !== expectStatus) {
    throw new Error(
      `fixture ${init.method} ${new URL(url).pathname} answered ${response.status}: ${text.slice(0, 300)}`,
    );
  }
  const body = schema.parse(text === '' ? {} : JSON.parse(text));
  return { status: response.status, headers: response.headers, body };
}

/** POSTs JSON for benchmark setup (never measured) and validates the answer with `schema`. */
export function postJson<S extends z.ZodType>(
  url: string,
  body: unknown,
  schema: S,
  options: { headers?: Record<string, string>; expectStatus?: number } = {},
): Promise<FixtureAnswer<z.output<S>>> {
  return send(
    url,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify(body),
    },
    schema,
    options.expectStatus ?? 200,
  );
}

/** POSTs a form for benchmark setup (never measured) and validates the answer with `schema`. */
export function postForm<S extends z.ZodType>(
  url: string,
  form: Record<string, string>,
  schema: S,
  options: { headers?: Record<string, string>; expectStatus?: number } = {},
): Promise<FixtureAnswer<z.output<S>>> {
  return send(
    url,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
      body: new URLSearchParams(form).toString(),
    },
    schema,
    options.expectStatus ?? 200,
  );
}

/** GETs JSON for benchmark setup and checks (never measured) and validates it with `schema`. */
export function getJson<S extends z.ZodType>(
  url: string,
  schema: S,
  headers: Record<string, string> = {},
): Promise<FixtureAnswer<z.output<S>>> {
  return send(url, { method: 'GET', headers }, schema, 200);
}
