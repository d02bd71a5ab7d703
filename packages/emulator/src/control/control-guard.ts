import type { EmulatorRequest, EmulatorResponse } from '../types.js';
import { controlError } from './control-json.js';

/** Host names the control API always answers (loopback), besides the emulator's configured host. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function headerOf(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The host name of a Host header (port dropped, IPv6 kept in brackets, lower case). */
function hostNameOf(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** The set of host names the control API accepts: loopback plus the configured host. */
export function controlAllowedHosts(configuredHost: string): ReadonlySet<string> {
  const host = configuredHost.toLowerCase();
  return new Set([...LOOPBACK_HOSTS, host.includes(':') && !host.startsWith('[') ? `[${host}]` : host]);
}

/**
 * Refuses control requests a web page could forge: a Host outside the allow-list (DNS rebinding, 421),
 * a cross-site `Origin` or `Sec-Fetch-Site` on a state-changing method (CSRF, 403), and a POST whose
 * Content-Type is not `application/json` (the form and text/plain bodies a page can send without CORS,
 * 415). Clients without an Origin (curl, SDKs, the control client) are not affected. Undefined when allowed.
 */
export function guardControlRequest(
  request: EmulatorRequest,
  allowedHosts: ReadonlySet<string>,
): EmulatorResponse | undefined {
  const host = headerOf(request, 'host');
  if (host === undefined || !allowedHosts.has(hostNameOf(host))) {
    return controlError(
      421,
      'host_not_allowed',
      `The control API answers only requests for ${[...allowedHosts].join(', ')}; the Host header was ${host === undefined ? 'missing' : JSON.stringify(host.slice(0, 100))}.`,
    );
  }
  if (SAFE_METHODS.has(request.method)) return undefined;
  const origin = headerOf(request, 'origin');
  if (origin !== undefined && origin !== `http://${host}` && origin !== `https://${host}`) {
    return controlError(403, 'cross_origin', 'Cross-origin requests to the control API are refused.');
  }
  const site = headerOf(request, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return controlError(403, 'cross_site', `Requests with Sec-Fetch-Site: ${site} are refused.`);
  }
  const contentType = (headerOf(request, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (request.method === 'POST' && contentType !== 'application/json') {
    return controlError(
      415,
      'unsupported_media_type',
      'Control API POSTs must have Content-Type: application/json.',
    );
  }
  return undefined;
}
