import { createHash, createHmac } from 'node:crypto';
import { sendWithNodeHttp } from '../node-http.js';
import { createSharedTimeouts } from '../shared-timeouts.js';
import type { Platform } from './platform-types.js';

const scheduleTimeout = createSharedTimeouts();

/** Node's platform: node:http with one shared timeout mechanism, and node:crypto hashing. */
export const platform: Platform = {
  name: 'node',
  send: (request) => sendWithNodeHttp(request, scheduleTimeout),
  scheduleTimeout,
  sha256: (data) => new Uint8Array(createHash('sha256').update(data).digest()),
  hmacSha256: (key, data) => new Uint8Array(createHmac('sha256', key).update(data).digest()),
};
