import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binaryPath, quietEnvironment } from './binaries.js';

/** A running workerd serving one Worker on 127.0.0.1. */
export interface RunningWorkerd {
  url: string;
  /** workerd's output so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (workerd takes a fixed address in its config). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/**
 * The workerd config: one Worker module, no compatibility flags (so no `nodejs_compat`: a `node:` import
 * would fail to load), and an outbound network that may reach loopback, where the emulator listens.
 */
function configText(port: number, bindings: Record<string, string>): string {
  const texts = Object.entries(bindings)
    .map(([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`)
    .join(', ');
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2026-11-01",
  bindings = [ ${texts} ],
  globalOutbound = "loopback",
);
`;
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited ${child.exitCode}:\n${output()}`);
    try {
      await fetch(`${url}/health`);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`workerd did not listen on ${url}:\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Starts workerd with the bundled Worker `code` and text `bindings` (the Worker's `env`); tries another port if the chosen one was taken meanwhile. */
export async function startWorkerd(
  code: string,
  bindings: Record<string, string> = {},
): Promise<RunningWorkerd> {
  const directory = await mkdtemp(join(tmpdir(), 'achbridge-workerd-'));
  await writeFile(join(directory, 'worker.js'), code);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    await writeFile(join(directory, 'config.capnp'), configText(port, bindings));
    const child = spawn(binaryPath('workerd'), ['serve', join(directory, 'config.capnp'), '--verbose'], {
      cwd: directory,
      env: quietEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntilServing(url, child, () => log);
    } catch (error) {
      child.kill('SIGKILL');
      if (attempt < 3 && /address already in use/i.test(log)) continue;
      await rm(directory, { recursive: true, force: true });
      throw error;
    }
    return {
      url,
      output: () => log,
      stop: async () => {
        if (child.exitCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          await exited;
        }
        await rm(directory, { recursive: true, force: true });
      },
    };
  }
}
