import Stripe from 'stripe';
import { recordCall } from '../../calls/call-context.js';

/** Where stripe-node sends requests (the emulator's host and port), as its `host`/`port`/`protocol` options. */
export function stripeServerOf(url: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const parsed = new URL(url);
  const protocol = parsed.protocol === 'https:' ? 'https' : 'http';
  return {
    host: parsed.hostname,
    port: parsed.port === '' ? (protocol === 'https' ? 443 : 80) : Number(parsed.port),
    protocol,
  };
}

/** Builds a Stripe client whose responses (method, path, status, request id) are recorded for the running flow. */
export function createRecordedStripe(secretKey: string, emulatorUrl: string | undefined): Stripe {
  const stripe = new Stripe(secretKey, {
    maxNetworkRetries: 0,
    appInfo: { name: '@achbridge/sample' },
    ...(emulatorUrl === undefined ? {} : stripeServerOf(emulatorUrl)),
  });
  stripe.on('response', (event: Stripe.ResponseEvent) => {
    recordCall({
      provider: 'stripe',
      method: event.method.toUpperCase(),
      endpoint: event.path.split('?')[0] ?? event.path,
      status: event.status,
      requestId: event.request_id ?? null,
    });
  });
  return stripe;
}
