import type { z } from 'zod';

/** A validated answer of a fixture request. */
export interface FixtureAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

async function send<S extends z.ZodType>(
  url: string,
  init: RequestInit,
  schema: S,
  expectStatus: number,
): Promise<FixtureAnswer<z.output<S>>> {
  const response = await fetch(url, init);
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
