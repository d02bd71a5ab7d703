import type { AddressInfo } from 'node:net';
import { createClock } from './clock.js';
import { createControlClient, type EmulatorControlClient } from './control/control-client.js';
import { createControlRouter } from './control/control-router.js';
import { resolveEmulatorOptions, type StartEmulatorOptions } from './emulator-options.js';
import { createFaultRegistry } from './faults.js';
import { createTokenBridge } from './kernel/token-bridge.js';
import { MODERN_TREASURY_CREDENTIALS } from './modern-treasury/mt-credentials.js';
import { DEFAULT_MODULE_FACTORIES } from './module-factories.js';
import { createEmulatorServer } from './server.js';
import { createStateFile } from './state-file.js';
import type { ModuleContext } from './types.js';

/** A running emulator: where each provider lives, the credentials it accepts, and how to stop it. */
export interface RunningEmulator {
  /** Origin of the single server, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** Plaid Sandbox: point `basePath` here and send these credentials. */
  plaid: { baseUrl: string; clientId: string; secret: string };
  /** Stripe test mode: the SDK takes host, port and protocol (it always calls `/v1`). */
  stripe: { host: string; port: number; protocol: 'http'; secretKey: string; liveSecretKey: string };
  /** Dwolla Sandbox: API root and application key/secret for the client-credentials token. */
  dwolla: { baseUrl: string; key: string; secret: string };
  /** Modern Treasury sandbox: the SDK's `baseURL`, the organization id and API keys (sandbox and production). */
  modernTreasury: { baseUrl: string; organizationId: string; apiKey: string; liveApiKey: string };
  /** Typed client for `/__emulator/` (reset, state, clock, faults, Plaid Link helpers). */
  control: EmulatorControlClient;
  /** Stops the server and drops every connection. */
  close(): Promise<void>;
}

/** Starts the emulator on `host:port` (default 127.0.0.1 and a free port) and resolves once it listens. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveEmulatorOptions(options);
  const clock = createClock();
  const bridge = createTokenBridge();
  const context: ModuleContext = {
    clock,
    bridge,
    credentials: resolved.credentials,
    options: resolved.tuning,
  };
  const modules = DEFAULT_MODULE_FACTORIES.map((factory) => factory(context));
  const faults = createFaultRegistry();
  const stateFile =
    resolved.stateFile === undefined
      ? undefined
      : createStateFile(resolved.stateFile, { modules, bridge, clock });
  stateFile?.load();
  let origin = '';
  const emulator = createEmulatorServer({
    modules,
    faults,
    control: createControlRouter({ modules, faults, clock, bridge, host: resolved.host }),
    bodyLimitBytes: resolved.bodyLimitBytes,
    origin: () => origin,
  });
  if (stateFile !== undefined) {
    // Every answered request may have changed state (reads too: payments settle lazily on the clock).
    emulator.server.on('request', (_request, response) => {
      response.once('finish', () => stateFile.changed());
    });
  }
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    emulator.server.once('error', onError);
    // A deep accept queue: load tests open ~1,000 connections at once; Node's default backlog (511) drops SYNs.
    emulator.server.listen({ port: resolved.port, host: resolved.host, backlog: 4096 }, () => {
      emulator.server.off('error', onError);
      resolve();
    });
  });
  const { port } = emulator.server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  origin = `http://${host}:${port}`;
  let closed: Promise<void> | undefined;
  return {
    url: origin,
    plaid: { baseUrl: `${origin}/plaid`, ...resolved.credentials.plaid },
    stripe: { host: resolved.host, port, protocol: 'http', ...resolved.credentials.stripe },
    dwolla: { baseUrl: `${origin}/dwolla`, ...resolved.credentials.dwolla },
    modernTreasury: { baseUrl: `${origin}/modern-treasury`, ...MODERN_TREASURY_CREDENTIALS },
    control: createControlClient(origin),
    close() {
      if (closed === undefined) {
        for (const module of modules) module.close?.();
        closed = emulator.close().then(() => stateFile?.flush());
      }
      return closed;
    },
  };
}
