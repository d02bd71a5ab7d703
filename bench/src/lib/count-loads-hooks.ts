import type { MessagePort } from 'node:worker_threads';

// Module loader hooks (run on Node's hooks thread): report every file the ESM loader loads.
let port: MessagePort | undefined;

/** Receives the port that `count-loads-register` listens on. */
export function initialize(data: { port: MessagePort }): void {
  port = data.port;
}

/** Loads as usual, then reports the URL of a file module. */
export async function load(
  url: string,
  context: unknown,
  next: (url: string, context: unknown) => Promise<unknown>,
): Promise<unknown> {
  const result = await next(url, context);
  if (url.startsWith('file:')) port?.postMessage(url);
  return result;
}
