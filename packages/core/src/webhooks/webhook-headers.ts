import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { parseInput } from '../validate.js';

/** Request headers as frameworks hand them over: a plain object, Node's IncomingHttpHeaders or a fetch `Headers`. */
export type WebhookHeaders =
  | Headers
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** What reading one header found: its single value, nothing, or several conflicting values. */
export type HeaderLookup =
  | { found: 'one'; value: string }
  | { found: 'none' }
  | { found: 'many'; count: number };

function hasGet(headers: WebhookHeaders): headers is { get(name: string): string | null } {
  return typeof (headers as { get?: unknown }).get === 'function';
}

const readHeaderInputSchema = lazySchema(() =>
  z.object({
    headers: z.custom<WebhookHeaders>((value) => typeof value === 'object' && value !== null, {
      message: 'must be the request headers (plain object, IncomingHttpHeaders or Headers)',
    }),
    name: z.string().min(1, 'must be a header name'),
  }),
);

/** Reads a header case-insensitively from any supported headers shape; empty values count as missing. */
export function readHeader(headers: WebhookHeaders, name: string): HeaderLookup {
  parseInput('readHeader', readHeaderInputSchema(), { headers, name });
  return lookupHeader(headers, name);
}

/** `readHeader` for headers and a name already validated by the caller (no second validation). */
export function lookupHeader(headers: WebhookHeaders, name: string): HeaderLookup {
  const wanted = name.toLowerCase();
  if (hasGet(headers)) {
    const value = headers.get(wanted);
    return typeof value === 'string' && value.trim() !== ''
      ? { found: 'one', value: value.trim() }
      : { found: 'none' };
  }
  const values: string[] = [];
  for (const [key, raw] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || raw === undefined) continue;
    const list: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
    for (const item of list) {
      if (typeof item === 'string' && item.trim() !== '') values.push(item.trim());
    }
  }
  if (values.length === 0) return { found: 'none' };
  if (values.length > 1) return { found: 'many', count: values.length };
  return { found: 'one', value: values[0] as string };
}
