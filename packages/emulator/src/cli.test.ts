import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS } from './types.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const cliPath = join(packageDir, 'dist', 'cli.js');

function startCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [cliPath, ...args], { cwd: packageDir, stdio: 'pipe' });
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return line;
}

describe('achbridge-emulator CLI', () => {
  beforeAll(async () => {
    await promisify(execFile)(
      process.execPath,
      [join(packageDir, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'],
      {
        cwd: packageDir,
      },
    );
  }, 180_000);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`prints one JSON line with URLs and credentials, serves, and exits 0 on ${signal}`, async () => {
      const child = startCli(['--port', '0']);
      const summary = JSON.parse(await firstLine(child)) as Record<
        string,
        Record<string, unknown> & { baseUrl: string }
      > & {
        url: string;
      };
      expect(summary.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(summary.plaid).toEqual({ baseUrl: `${summary.url}/plaid`, ...DEFAULT_CREDENTIALS.plaid });
      expect(summary.stripe).toMatchObject({
        host: '127.0.0.1',
        protocol: 'http',
        ...DEFAULT_CREDENTIALS.stripe,
      });
      expect(summary.dwolla).toEqual({ baseUrl: `${summary.url}/dwolla`, ...DEFAULT_CREDENTIALS.dwolla });
      const health = await fetch(`${summary.url}/__emulator/health`);
      expect(await health.json()).toEqual({ ok: true });
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    });
  }

  it('exits 2 with a message on bad arguments', async () => {
    const child = startCli(['--port', 'eighty']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be 0-65535');
  });

  // Two CLI starts and stops: give a loaded machine time (a limit, not a speed target).
  it('keeps its state in --state-file across a SIGTERM and a new start', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'emulator-cli-state-'));
    const stateFile = join(folder, 'state.json');
    const post = async (url: string, path: string, body: unknown) => {
      const answer = await fetch(`${url}/plaid${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'plaid-client-id': DEFAULT_CREDENTIALS.plaid.clientId,
          'plaid-secret': DEFAULT_CREDENTIALS.plaid.secret,
        },
        body: JSON.stringify(body),
      });
      return { status: answer.status, body: (await answer.json()) as Record<string, string> };
    };
    try {
      const first = startCli(['--port', '0', '--state-file', stateFile]);
      const { url } = JSON.parse(await firstLine(first)) as { url: string };
      const created = await post(url, '/sandbox/public_token/create', {
        institution_id: 'ins_109508',
        initial_products: ['auth'],
      });
      const exchanged = await post(url, '/item/public_token/exchange', {
        public_token: created.body['public_token'],
      });
      first.kill('SIGTERM');
      expect(((await once(first, 'exit')) as [number | null])[0]).toBe(0);
      expect(readFileSync(stateFile, 'utf8')).not.toContain('access-sandbox-');

      const second = startCli(['--port', '0', '--state-file', stateFile]);
      const restarted = JSON.parse(await firstLine(second)) as { url: string };
      const item = await post(restarted.url, '/item/get', { access_token: exchanged.body['access_token'] });
      second.kill('SIGTERM');
      await once(second, 'exit');
      expect(item.status).toBe(200);
      expect((item.body['item'] as unknown as { item_id: string }).item_id).toBe(exchanged.body['item_id']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 30_000);
});
