import { parseInput } from '@achbridge/core';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { honoContextSchema } from './hono-context-schema.js';

/** The browser's IP address and user agent, recorded as the mandate's online acceptance. */
export interface ClientContext {
  ipAddress: string;
  userAgent: string;
}

/** Reads the caller's IP (IPv4-mapped IPv6 unwrapped; 127.0.0.1 when unknown, e.g. in tests) and user agent. */
export function clientContext(c: Context): ClientContext {
  parseInput('clientContext', honoContextSchema, c);
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    address = undefined;
  }
  const ipAddress = address?.replace(/^::ffff:/, '') || '127.0.0.1';
  const userAgent = c.req.header('user-agent')?.slice(0, 500) || 'achbridge-sample';
  return { ipAddress, userAgent };
}
