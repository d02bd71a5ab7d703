import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { clearTimeout, setTimeout } from 'node:timers';
import { controlError } from './control/control-json.js';
import type { FaultRegistry, FaultRule } from './faults.js';
import { readRequestBody } from './http-body.js';
import { createRequestId } from './ids.js';
import { isValidPercentEncoding } from './safe-json.js';
import type { EmulatorRequest, EmulatorResponse, ProviderModule } from './types.js';

/** The control API prefix; requests under it are never subject to faults. */
export const CONTROL_PREFIX = '/__emulator';

/** Everything the HTTP layer needs from the emulator. */
export interface EmulatorServerOptions {
  /** Provider modules, matched by their `prefix`. */
  modules: readonly ProviderModule[];
  /** Active faults. */
  faults: FaultRegistry;
  /** Handles `/__emulator/…` requests. */
  control(request: EmulatorRequest): Promise<EmulatorResponse>;
  /** Largest accepted request body. */
  bodyLimitBytes: number;
  /** The emulator's origin (known once listening), e.g. `http://127.0.0.1:4010`. */
  origin(): string;
}

/** The emulator's HTTP server plus a clean shutdown. */
export interface EmulatorServer {
  /** The underlying Node server (listen on it yourself). */
  readonly server: Server;
  /** Stops accepting, drops keep-alive and in-flight connections and pending fault delays. */
  close(): Promise<void>;
}

const NOT_FOUND: EmulatorResponse = {
  status: 404,
  body: { error: { code: 'not_found', message: 'No emulated provider is mounted at this path.' } },
};

/** Creates the single HTTP server that fronts every provider module and the control API. */
export function createEmulatorServer(options: EmulatorServerOptions): EmulatorServer {
  const pendingDelays = new Set<NodeJS.Timeout>();
  let closing = false;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        pendingDelays.delete(timer);
        resolve();
      }, ms);
      pendingDelays.add(timer);
    });

  const findModule = (path: string): ProviderModule | undefined => {
    for (const module of options.modules) {
      if (path === module.prefix || path.startsWith(`${module.prefix}/`)) return module;
    }
    return undefined;
  };

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const url = incoming.url ?? '/';
    const queryIndex = url.indexOf('?');
    const path = queryIndex === -1 ? url : url.slice(0, queryIndex);
    const query = new URLSearchParams(queryIndex === -1 ? '' : url.slice(queryIndex + 1));
    const method = (incoming.method ?? 'GET').toUpperCase();
    const isControl = path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
    const module = isControl ? undefined : findModule(path);
    if (!isControl && module === undefined) {
      incoming.resume();
      send(outgoing, withRequestId(NOT_FOUND));
      return;
    }
    if (!isValidPercentEncoding(path) || !isValidPercentEncoding(url.slice(path.length + 1))) {
      incoming.resume();
      const message = 'the URL has invalid percent-encoding';
      send(
        outgoing,
        withRequestId(
          module ? module.malformedRequest(message) : controlError(400, 'invalid_input', message, 'url'),
        ),
      );
      return;
    }
    const fault = module === undefined ? undefined : options.faults.take(method, path);
    const read = await readRequestBody(incoming, options.bodyLimitBytes);
    if (!read.ok) {
      if (read.reason === 'aborted') return;
      const tooLarge = module ? module.faultResponse(413, {}) : withRequestId(tooLargeControl());
      outgoing.setHeader('Connection', 'close');
      send(outgoing, tooLarge);
      return;
    }
    const request: EmulatorRequest = {
      method,
      path: module ? path.slice(module.prefix.length) || '/' : path,
      query,
      headers: incoming.headers,
      rawBody: read.body,
      origin: options.origin(),
    };
    if (module === undefined) {
      send(outgoing, await safely(() => options.control(request), internalControlError));
      return;
    }
    if (fault !== undefined) {
      await applyFault(fault, module, request, outgoing);
      return;
    }
    send(outgoing, await handleSafely(module, request));
  };

  const applyFault = async (
    fault: FaultRule,
    module: ProviderModule,
    request: EmulatorRequest,
    outgoing: ServerResponse,
  ): Promise<void> => {
    switch (fault.kind) {
      case 'drop':
        outgoing.socket?.destroy();
        return;
      case 'status': {
        const answer = module.faultResponse(fault.status ?? 500, {
          retryAfterSeconds: fault.retryAfterSeconds ?? undefined,
          html: fault.html,
        });
        send(outgoing, withRetryAfter(answer, fault.retryAfterSeconds));
        return;
      }
      case 'malformed': {
        const template = module.faultResponse(502, {});
        send(outgoing, malformed(template));
        return;
      }
      case 'delay':
        await delay(fault.delayMs ?? 0);
        if (closing || outgoing.destroyed) return;
        send(outgoing, await handleSafely(module, request));
        return;
      case 'lost_response':
        await handleSafely(module, request);
        outgoing.socket?.destroy();
        return;
    }
  };

  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch(() => {
      if (!outgoing.headersSent && !outgoing.destroyed) send(outgoing, internalControlError());
      else outgoing.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;

  return {
    server,
    close() {
      closing = true;
      for (const timer of pendingDelays) clearTimeout(timer);
      pendingDelays.clear();
      return new Promise((resolve) => {
        if (!server.listening) {
          resolve();
          return;
        }
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function safely(
  run: () => Promise<EmulatorResponse>,
  fallback: () => EmulatorResponse,
): Promise<EmulatorResponse> {
  try {
    return await run();
  } catch {
    return fallback();
  }
}

/** Lets the module handle the request; a handler that throws becomes the provider's own 500 answer. */
function handleSafely(module: ProviderModule, request: EmulatorRequest): Promise<EmulatorResponse> {
  return safely(
    () => module.handle(request),
    () => module.faultResponse(500, {}),
  );
}

function tooLargeControl(): EmulatorResponse {
  return { status: 413, body: { error: { code: 'body_too_large', message: 'Request body is too large.' } } };
}

function internalControlError(): EmulatorResponse {
  return withRequestId({
    status: 500,
    body: { error: { code: 'internal_error', message: 'The emulator failed to handle this request.' } },
  });
}

function withRequestId(response: EmulatorResponse): EmulatorResponse {
  return { ...response, headers: { ...response.headers, 'X-Request-Id': createRequestId() } };
}

function withRetryAfter(response: EmulatorResponse, seconds: number | null): EmulatorResponse {
  if (seconds === null) return response;
  const headers = response.headers ?? {};
  if (Object.keys(headers).some((name) => name.toLowerCase() === 'retry-after')) return response;
  return { ...response, headers: { ...headers, 'Retry-After': String(seconds) } };
}

function malformed(template: EmulatorResponse): EmulatorResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(template.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower !== 'content-type' && lower !== 'content-length' && lower !== 'retry-after')
      headers[name] = value;
  }
  headers['Content-Type'] = 'application/json';
  return {
    status: 200,
    headers,
    body: `{"emulator_fault":"malformed","request_id":"${createRequestId()}","data":[{"id":`,
  };
}

/** Writes an `EmulatorResponse`: strings and Buffers as is, anything else as JSON. */
export function send(outgoing: ServerResponse, response: EmulatorResponse): void {
  if (outgoing.destroyed || outgoing.headersSent) return;
  const headers: Record<string, string> = {};
  let hasContentType = false;
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-length') continue;
    if (lower === 'content-type') hasContentType = true;
    headers[name] = value;
  }
  let payload: string | Buffer;
  if (typeof response.body === 'string' || Buffer.isBuffer(response.body)) {
    payload = response.body;
  } else if (response.body === undefined) {
    payload = '';
  } else {
    payload = JSON.stringify(response.body);
    if (!hasContentType) headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  outgoing.writeHead(response.status, headers);
  outgoing.end(payload);
}
