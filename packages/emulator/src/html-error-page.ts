import { STATUS_CODES } from 'node:http';
import type { EmulatorResponse } from './types.js';

/** An HTML error page like the ones proxies and CDNs send in front of an API (e.g. a 503 from nginx). */
export function createHtmlErrorPage(status: number, headers: Record<string, string> = {}): EmulatorResponse {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return {
    status,
    headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
    body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  };
}
