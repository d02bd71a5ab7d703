import autocannon from 'autocannon';
import { createLinkFixture } from '../fixtures/link-fixtures.js';
import type { EmulatorInfo } from '../lib/emulator-info.js';
import { processCpuMs } from '../lib/process-cpu.js';
import { resetEmulator } from './emulator-state.js';

/** Settings of the loopback throughput runs. */
export interface ThroughputSettings {
  connections: number;
  durationSeconds: number;
}

/** One endpoint's throughput. */
export interface EndpointThroughput {
  id: 'plaid-read' | 'stripe-write';
  label: string;
  /** 2xx answers per second over the run. */
  requestsPerSecond: number;
  /** Answers that were not 2xx, and connection errors (both must be 0 for a valid run). */
  non2xx: number;
  errors: number;
  latencyMs: { p50: number; p99: number };
  /**
   * The emulator process's CPU per answered request, µs (from /proc; null elsewhere): steadier than
   * requests per second on a shared machine, where the emulator waits for a core.
   */
  emulatorCpuMicrosPerRequest: number | null;
  connections: number;
  durationSeconds: number;
}

async function hammer(
  id: EndpointThroughput['id'],
  label: string,
  request: { url: string; headers: Record<string, string>; body: string },
  settings: ThroughputSettings,
  emulatorPid: number | undefined,
): Promise<EndpointThroughput> {
  const options = { ...request, method: 'POST', connections: settings.connections };
  await autocannon({ ...options, amount: settings.connections * 50 });
  const cpuBefore = emulatorPid === undefined ? null : processCpuMs(emulatorPid);
  const result = await autocannon({ ...options, duration: settings.durationSeconds });
  const cpuAfter = emulatorPid === undefined ? null : processCpuMs(emulatorPid);
  const answered = Object.values(result.statusCodeStats).reduce((sum, stats) => sum + stats.count, 0);
  const ok = Object.entries(result.statusCodeStats)
    .filter(([status]) => status.startsWith('2'))
    .reduce((sum, [, stats]) => sum + stats.count, 0);
  return {
    id,
    label,
    requestsPerSecond: result.duration > 0 ? ok / result.duration : 0,
    non2xx: result.non2xx,
    errors: result.errors,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    emulatorCpuMicrosPerRequest:
      cpuBefore === null || cpuAfter === null || answered <= 0
        ? null
        : ((cpuAfter - cpuBefore) * 1000) / answered,
    connections: settings.connections,
    durationSeconds: result.duration,
  };
}

/**
 * Loopback requests per second of the emulator process under autocannon: a Plaid read
 * (`/accounts/get` with a real access token) and a Stripe write (`POST /v1/customers`); with the emulator's
 * pid, also its CPU per request.
 */
export async function measureEmulatorThroughput(
  info: EmulatorInfo,
  settings: ThroughputSettings,
  emulatorPid?: number,
): Promise<EndpointThroughput[]> {
  await resetEmulator(info);
  const fixture = await createLinkFixture(info);
  const read = await hammer(
    'plaid-read',
    'Plaid read: POST /plaid/accounts/get',
    {
      url: `${info.plaid.baseUrl}/accounts/get`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: info.plaid.clientId,
        secret: info.plaid.secret,
        access_token: fixture.accessToken,
      }),
    },
    settings,
    emulatorPid,
  );
  const write = await hammer(
    'stripe-write',
    'Stripe write: POST /v1/customers',
    {
      url: `${info.url}/v1/customers`,
      headers: {
        authorization: `Bearer ${info.stripe.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'email=bench%40example.com&name=Bench',
    },
    settings,
    emulatorPid,
  );
  await resetEmulator(info);
  return [read, write];
}
