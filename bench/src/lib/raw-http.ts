import http from 'node:http';

/** What a raw request answered: status, the headers the floor clients read, and the body text. */
export interface RawAnswer {
  status: number;
  location: string | undefined;
  retryAfter: string | undefined;
  text: string;
}

/** One request through node:http's shared keep-alive agent: no validation, no timeout, no abort signal. */
export function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location,
            retryAfter: response.headers['retry-after'] as string | undefined,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * `rawRequest`, repeated after a 429 once the answer's Retry-After (seconds) has passed, at most
 * `maxRetries` times: what any correct client must do, and nothing more (no backoff of its own).
 */
export async function rawRequestHonouringRetryAfter(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string,
  maxRetries: number,
): Promise<RawAnswer> {
  for (let attempt = 0; ; attempt++) {
    const answer = await rawRequest(url, method, headers, body);
    if (answer.status !== 429 || attempt >= maxRetries) return answer;
    const seconds = Number(answer.retryAfter ?? '0');
    await new Promise((resolve) => setTimeout(resolve, Number.isFinite(seconds) ? seconds * 1000 : 0));
  }
}
