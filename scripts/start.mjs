#!/usr/bin/env node
/**
 * `npm start`: builds the sample app and its workspace dependencies (turbo), starts the emulator (only when no
 * Plaid keys are configured) and the sample server, prints the URL to open, and stops both on Ctrl-C/SIGTERM.
 * PORT overrides 3000; apps/sample/.env is read when present (see apps/sample/.env.example). State lives in the
 * data folder (apps/sample/.data, or SAMPLE_DATA_DIR): the sample's embedded database and the emulator's
 * --state-file, so linked Items survive a restart on both sides.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sampleDir = join(root, 'apps', 'sample');
const STARTUP_TIMEOUT_MS = 120_000;

function log(message) {
  process.stdout.write(`${message}\n`);
}

function fail(message) {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
}

/** Stops with a hint (not a stack trace) when `npm ci` has not been run in this clone. */
function requireDependencies() {
  const needed = [
    join(root, 'node_modules', 'turbo', 'bin', 'turbo'),
    join(root, 'node_modules', 'zod', 'package.json'),
    join(root, 'node_modules', 'hono', 'package.json'),
  ];
  if (needed.every((path) => existsSync(path))) return;
  fail('the dependencies are not installed. Run `npm ci` in the repository root first, then `npm start`.');
}

function build() {
  log('Building the sample and its dependencies (turbo)...');
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'turbo', 'bin', 'turbo'),
      'run',
      'build',
      '--filter=@achbridge/sample...',
      '--output-logs=errors-only',
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: { TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', ...process.env },
    },
  );
  if (result.error) fail(`could not run turbo: ${result.error.message}. Did you run \`npm ci\`?`);
  if (result.status !== 0) fail('the build failed (see above).');
}

/** Validates the environment with the sample's own loader, so bad keys stop us before anything starts. */
async function loadConfig() {
  const { mergeEnvFile, parseSampleConfig, SampleConfigError } = await import(
    pathToFileURL(join(sampleDir, 'dist', 'config', 'load-config.js')).href
  );
  try {
    return parseSampleConfig(mergeEnvFile({ ...process.env }, join(sampleDir, '.env')));
  } catch (error) {
    if (error instanceof SampleConfigError) {
      process.stderr.write(`${error.message}\nSee apps/sample/.env.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
}

const children = new Set();
/** Runs each child so that it stops by itself if this script dies, even by SIGKILL. */
const GUARD = join(root, 'scripts', 'run-guarded.mjs');

/** Spawns a node script and resolves with the first stdout line matching `ready` (other lines are echoed). */
function startChild(name, script, args, env, ready) {
  // stdin is a pipe the child watches: when this process dies (even by SIGKILL) it closes, and the child stops.
  const child = spawn(process.execPath, [GUARD, script, ...args], {
    cwd: root,
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within ${STARTUP_TIMEOUT_MS / 1000} s`)),
      STARTUP_TIMEOUT_MS,
    );
    let started = false;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (!started) {
        const match = ready(line);
        if (match !== undefined) {
          started = true;
          clearTimeout(timer);
          resolve({ child, match });
          return;
        }
      }
      process.stdout.write(`${line}\n`);
    });
    child.once('exit', (code, signal) => {
      if (!started) {
        clearTimeout(timer);
        reject(new Error(`${name} exited before it was ready (${signal ?? `code ${code}`})`));
      }
    });
  });
}

let stopping = false;

/** Stops every child (SIGTERM, then SIGKILL after 5 s) and exits with `code`. */
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  const exits = [...children].map(
    (child) =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  );
  await Promise.all(exits);
  log(code === 0 ? 'Stopped the sample server and the emulator.' : 'Stopped.');
  process.exit(code);
}

async function main() {
  requireDependencies();
  build();
  const config = await loadConfig();
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));
  // npm does not always forward signals to us; when our parent goes away, stop too rather than orphan servers.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stopAll(0);
  }, 1000).unref();

  const dataDir = resolve(config.dataDir ?? join(sampleDir, '.data'));
  const env = { ...process.env, SAMPLE_DATA_DIR: dataDir };
  if (config.mode === 'emulator') {
    const { child, match } = await startChild(
      'the emulator',
      join(root, 'packages', 'emulator', 'dist', 'cli.js'),
      ['--port', '0', '--host', '127.0.0.1', '--state-file', join(dataDir, 'emulator-state.json')],
      process.env,
      (line) => {
        try {
          const summary = JSON.parse(line);
          return typeof summary.url === 'string' ? summary.url : undefined;
        } catch {
          return undefined;
        }
      },
    );
    log(`Emulator (Plaid Sandbox, Stripe test mode, Dwolla Sandbox) on ${match}`);
    env.EMULATOR_URL = match;
    child.once('exit', (code) => {
      if (!stopping) {
        process.stderr.write(`npm start: the emulator stopped unexpectedly (code ${code}).\n`);
        stopAll(1);
      }
    });
  } else {
    log('Plaid keys found: using the real sandboxes (no emulator).');
  }

  const { child: server, match: url } = await startChild(
    'the sample server',
    join(sampleDir, 'dist', 'server', 'main.js'),
    [],
    env,
    (line) => /listening on (http:\/\/\S+)/.exec(line)?.[1],
  );
  server.once('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`npm start: the sample server stopped unexpectedly (code ${code}).\n`);
      stopAll(1);
    }
  });
  log(`Sample server in ${config.mode} mode; data folder ${dataDir} (delete it to start empty).`);
  log(`open ${url}`);
  log('Press Ctrl-C to stop.');
}

main().catch((error) => {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  stopAll(1);
});
