import { ConfigError } from '@achbridge/core';

/**
 * Dwolla resource ids are UUIDs (8-4-4-4-12 hex digits, any case). Checking the real shape keeps path
 * segments free of `/`, `?` and `..`, and keeps a secret passed by mistake out of the URL and the error.
 */
const ID_PATTERN = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/** Whether `value` looks like a Dwolla resource id (a UUID, any case). */
export function isDwollaId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/**
 * The one spelling of a Dwolla resource id in keys (idempotency keys, store link keys): lower case, since
 * Dwolla answers ids in either case and the same customer must always map to the same key.
 */
export function canonicalDwollaId(id: string): string {
  return id.toLowerCase();
}

/**
 * Turns a path (`/customers/…`) or an absolute Dwolla URL into a URL on `baseUrl`. Absolute URLs must be
 * on `baseUrl` or on the environment's official host (then they are re-rooted on `baseUrl`, like HAL links
 * seen through a proxy or the emulator); anything else is refused so the bearer token never leaves Dwolla.
 */
export function resolveDwollaUrl(baseUrl: string, officialHost: string, pathOrUrl: string): string {
  if (pathOrUrl.startsWith('/')) return `${baseUrl}${pathOrUrl}`;
  if (pathOrUrl === baseUrl || pathOrUrl.startsWith(`${baseUrl}/`) || pathOrUrl.startsWith(`${baseUrl}?`)) {
    return pathOrUrl;
  }
  let parsed: URL;
  try {
    parsed = new URL(pathOrUrl);
  } catch {
    throw new ConfigError(`Dwolla URL is neither a path nor an absolute URL: ${describe(pathOrUrl)}`, {
      code: 'INVALID_DWOLLA_URL',
    });
  }
  if (parsed.origin === new URL(officialHost).origin) {
    return `${baseUrl}${parsed.pathname}${parsed.search}`;
  }
  throw new ConfigError(
    `Refusing to call ${parsed.origin}: it is not this client's Dwolla host (${baseUrl}). ` +
      'Resource URLs must come from the same Dwolla environment as the client.',
    { code: 'FOREIGN_DWOLLA_URL' },
  );
}

/** The last path segment of a Dwolla resource URL (its id), or undefined when it is not an id. */
export function idFromDwollaUrl(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const last = pathname
    .split('/')
    .filter((part) => part !== '')
    .pop();
  return last !== undefined && isDwollaId(last) ? last : undefined;
}

/**
 * Reads a resource reference given as an id or a URL whose path ends in `/<collection>/<id>`;
 * returns the id or undefined when it is neither.
 */
export function idFromReference(reference: string, collection: string): string | undefined {
  if (isDwollaId(reference)) return reference;
  let parsed: URL;
  try {
    parsed = new URL(reference);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const parts = parsed.pathname.split('/').filter((part) => part !== '');
  const id = parts.pop();
  const kind = parts.pop();
  return kind === collection && id !== undefined && isDwollaId(id) ? id : undefined;
}

/** The value for an error message: whole, so a registered secret in it is redacted, never a cut prefix of it. */
function describe(value: string): string {
  return value.length <= 200 ? `'${value}'` : `a ${value.length}-character value`;
}
