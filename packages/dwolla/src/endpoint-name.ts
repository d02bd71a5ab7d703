const ID_SEGMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A short, id-free name for a Dwolla URL, for messages and logs: `/customers/{id}/funding-sources`. */
export function endpointName(url: string, baseUrl: string): string {
  let path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url;
  try {
    if (!path.startsWith('/')) path = new URL(url).pathname;
  } catch {
    return path;
  }
  const [pathname = ''] = path.split('?');
  const named = pathname
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? '{id}' : segment))
    .join('/');
  return named === '' ? '/' : named;
}
