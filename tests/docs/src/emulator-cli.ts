import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';

/** The JSON line `achbridge-emulator` prints once it listens: its URLs and the credentials it accepts. */
const emulatorLineSchema = z.object({
  url: z.url(),
  plaid: z.object({ baseUrl: z.url(), clientId: z.string().min(1), secret: z.string().min(1) }),
  stripe: z.object({ secretKey: z.string().startsWith('sk_test_') }),
  dwolla: z.object({ baseUrl: z.url(), key: z.string().min(1), secret: z.string().min(1) }),
  modernTreasury: z.object({
    baseUrl: z.url(),
    organizationId: z.string().min(1),
    apiKey: z.string().min(1),
  }),
});

/** The emulator CLI running in its own process. */
export interface EmulatorCli {
  /** What it printed on start. */
  info: z.output<typeof emulatorLineSchema>;
  /** The environment variables a README snippet needs to talk to it (and nothing else). */
  environment: Record<string, string>;
  /** Forgets every Item, customer and funding source (`POST /__emulator/reset`). */
  reset(): Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

const manifestSchema = z.object({ bin: z.object({ 'achbridge-emulator': z.string().min(1) }) });

/** The script `npx achbridge-emulator` runs: the `bin` of the installed `@achbridge/emulator`. */
function emulatorBin(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@achbridge/emulator/package.json');
  const manifest = manifestSchema.parse(require(manifestPath));
  return join(dirname(manifestPath), manifest.bin['achbridge-emulator']);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `achbridge-emulator --port 0` (a free port on 127.0.0.1) and reads the line it prints. */
export async function startEmulatorCli(): Promise<EmulatorCli> {
  const child = spawn(process.execPath, [emulatorBin(), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`achbridge-emulator exited (${code}): ${stderr}`)));
      child.once('error', reject);
    });
    const info = emulatorLineSchema.parse(JSON.parse(first));
    const environment = {
      PLAID_BASE_URL: info.plaid.baseUrl,
      PLAID_CLIENT_ID: info.plaid.clientId,
      PLAID_SECRET: info.plaid.secret,
      STRIPE_BASE_URL: info.url,
      STRIPE_SECRET_KEY: info.stripe.secretKey,
      DWOLLA_BASE_URL: info.dwolla.baseUrl,
      DWOLLA_KEY: info.dwolla.key,
      DWOLLA_SECRET: info.dwolla.secret,
      MODERN_TREASURY_BASE_URL: info.modernTreasury.baseUrl,
      MODERN_TREASURY_ORGANIZATION_ID: info.modernTreasury.organizationId,
      MODERN_TREASURY_API_KEY: info.modernTreasury.apiKey,
    };
    return {
      info,
      environment,
      async reset() {
        const answer = await fetch(`${info.url}/__emulator/reset`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        if (!answer.ok) throw new Error(`emulator reset answered ${answer.status}: ${await answer.text()}`);
      },
      async stop() {
        lines.close();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited(child);
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
