import { sendWithFetch } from '../fetch-transport.js';
import { hmacSha256, sha256 } from '../sha256.js';
import { scheduleOwnTimeout } from '../shared-timeouts.js';
import type { Platform } from './platform-types.js';

/**
 * The web platform (workerd, Deno, Bun and edge functions): the global `fetch`, a timer per request
 * (Workers scope timers to the request that set them) and plain-JavaScript SHA-256/HMAC, since
 * WebCrypto digests are async only. Imports no `node:` module.
 */
export const platform: Platform = {
  name: 'web',
  send: (request) =>
    sendWithFetch((input, init) => globalThis.fetch(input, init), request, scheduleOwnTimeout),
  scheduleTimeout: scheduleOwnTimeout,
  sha256,
  hmacSha256,
};
