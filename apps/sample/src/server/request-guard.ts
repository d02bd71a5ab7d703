import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { SampleAppDeps } from './app-deps.js';

/** Host names the sample always answers (loopback). */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The page's Content-Security-Policy: scripts, styles and connections from this origin only, plus Plaid
 * Link (its script and iframe on cdn.plaid.com, its API calls on *.plaid.com); no framing of the page.
 */
export const SAMPLE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' https://cdn.plaid.com",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' https://*.plaid.com",
  'frame-src https://cdn.plaid.com',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The host name of a Host header or URL host (port dropped, IPv6 kept in brackets, lower case). */
function hostNameOf(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.indexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

/** The host name of the public webhook URL (a tunnel in sandbox mode), when one is configured. */
function webhookHostOf(deps: Pick<SampleAppDeps, 'webhookUrl'>): string | undefined {
  const url = deps.webhookUrl();
  if (url === undefined) return undefined;
  try {
    return hostNameOf(new URL(url).host);
  } catch {
    return undefined;
  }
}

/** The address the request arrived on (an IP literal cannot be a DNS-rebinding name), when Node serves it. */
function localAddressOf(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const address = incoming?.socket?.localAddress;
  if (address === undefined) return undefined;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain.includes(':') ? `[${plain}]` : plain;
}

function refuse(c: Context, status: 403 | 415 | 421, code: string, message: string): Response {
  c.header('Cache-Control', 'no-store');
  return c.json({ error: { code, message, type: 'SampleError' } }, status);
}

/**
 * Security middleware for the sample server. It refuses a Host outside loopback, the webhook URL's host and
 * the address the server listens on (DNS rebinding, 421); a state-changing request with a cross-site
 * `Origin` or `Sec-Fetch-Site` (CSRF, 403); and a state-changing request whose body is not
 * `application/json` (the form and text/plain bodies a page can send without CORS, 415). Clients that send
 * no Origin (curl, SDKs, Plaid's webhooks) pass. Every answer gets nosniff, no framing, no referrer and the
 * page's CSP; API answers are never cached.
 */
export function createRequestGuard(deps: Pick<SampleAppDeps, 'webhookUrl'>): MiddlewareHandler {
  return async (c, next) => {
    // Node's server always has a Host header; in-process `app.request` calls have only the URL's host.
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    const allowed = new Set(LOOPBACK_HOSTS);
    const webhookHost = webhookHostOf(deps);
    if (webhookHost !== undefined) allowed.add(webhookHost);
    const local = localAddressOf(c);
    if (local !== undefined) allowed.add(local);
    if (!allowed.has(hostNameOf(host))) {
      return refuse(
        c,
        421,
        'HOST_NOT_ALLOWED',
        `This server answers only requests for ${[...allowed].join(', ')}; open it at http://127.0.0.1 or http://localhost.`,
      );
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin !== undefined && origin !== `http://${host}` && origin !== `https://${host}`) {
        return refuse(c, 403, 'CROSS_ORIGIN', 'Cross-origin requests that change state are refused.');
      }
      const site = c.req.header('sec-fetch-site');
      if (site !== undefined && site !== 'same-origin' && site !== 'none') {
        return refuse(
          c,
          403,
          'CROSS_SITE',
          `Requests with Sec-Fetch-Site: ${site} that change state are refused.`,
        );
      }
      const length = c.req.header('content-length');
      const hasBody =
        (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
      const contentType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (hasBody && contentType !== 'application/json') {
        return refuse(
          c,
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'Request bodies must be JSON (Content-Type: application/json).',
        );
      }
    }
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Content-Security-Policy', SAMPLE_CONTENT_SECURITY_POLICY);
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
  };
}
