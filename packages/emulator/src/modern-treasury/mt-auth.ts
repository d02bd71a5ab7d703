import type { IncomingHttpHeaders } from 'node:http';
import type { ModernTreasuryCredentials } from './mt-credentials.js';
import { unauthorized } from './mt-errors.js';

/** Who a request authenticated as: the API key and whether it is a production key. */
export interface MtCaller {
  apiKey: string;
  liveMode: boolean;
}

/**
 * Checks HTTP Basic authentication (Modern Treasury "Authentication": the organization ID as the username,
 * a production or sandbox API key as the password); anything else is a 401.
 */
export function authenticateMt(
  headers: IncomingHttpHeaders,
  credentials: ModernTreasuryCredentials,
): MtCaller {
  const header = headers.authorization;
  const match = typeof header === 'string' ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim()) : null;
  if (!match?.[1]) throw unauthorized();
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw unauthorized();
  const organizationId = decoded.slice(0, colon);
  const apiKey = decoded.slice(colon + 1);
  if (organizationId !== credentials.organizationId) throw unauthorized();
  if (apiKey === credentials.apiKey) return { apiKey, liveMode: false };
  if (apiKey === credentials.liveApiKey) return { apiKey, liveMode: true };
  throw unauthorized();
}
