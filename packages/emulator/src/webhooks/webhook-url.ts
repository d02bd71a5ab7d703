/** Where a webhook may go: a parsed http(s) URL on a loopback host, or why not. */
export type WebhookTarget = { ok: true; url: URL } | { ok: false; reason: string };

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** True for `localhost`, `*.localhost`, 127.0.0.0/8 and `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || IPV4_LOOPBACK.test(host);
}

/**
 * Checks a webhook URL. The emulator is offline by design: it only POSTs to http(s) URLs on loopback
 * hosts; anything else (e.g. `https://example.com/hook` in a test) is recorded as skipped, never sent.
 */
export function resolveWebhookTarget(value: string): WebhookTarget {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `unsupported protocol ${url.protocol}` };
  }
  if (!isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      reason: `${url.hostname} is not a loopback host; the emulator only delivers to localhost / 127.0.0.0/8 / ::1`,
    };
  }
  return { ok: true, url };
}
