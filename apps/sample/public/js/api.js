/** JSON calls to the sample server; never throws for HTTP errors (the body says what went wrong). */
export async function api(method, path, body) {
  const init = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    return {
      ok: false,
      status: 0,
      data: {
        error: {
          code: 'NETWORK',
          message: 'The sample server is not reachable. Is `npm start` still running?',
        },
      },
    };
  }
  let data = {};
  try {
    data = await response.json();
  } catch {
    data = {
      error: { code: 'BAD_RESPONSE', message: `The server answered ${response.status} without JSON.` },
    };
  }
  return { ok: response.ok, status: response.status, data };
}

/** A fresh id that ties a request to its progress events. */
export function newRunId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  return `run-${Date.now()}-${Math.random().toString(16).slice(2)}`;
}
