#!/usr/bin/env node
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactSecrets } from '@achbridge/core';
import { mergeEnvFile, parseSampleConfig, SampleConfigError } from '../config/load-config.js';
import { openSampleStore } from '../items/open-sample-store.js';
import { SAMPLE_PROCESSORS } from '../processors/registry.js';
import { startSampleServer } from './start-sample-server.js';

/** `apps/sample/.env`, read when present (variables already set win). */
const ENV_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../.env');

/** The default data folder, `apps/sample/.data` (git-ignored). */
export const DEFAULT_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../.data');

async function main(): Promise<void> {
  const env = mergeEnvFile({ ...process.env }, ENV_FILE);
  const config = parseSampleConfig(env);
  const dataDir = resolve(config.dataDir ?? DEFAULT_DATA_DIR);
  const opened = await openSampleStore({ dataDir, databaseUrl: config.databaseUrl, env });
  const running = await startSampleServer({
    config,
    store: opened.store,
    requestLog: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
  });
  process.stdout.write(
    `achbridge sample: Items, processor links and payments are kept in the ${opened.where} store; ` +
      `access tokens are encrypted with the key from ${opened.keySource}.\n`,
  );
  const where =
    config.mode === 'emulator'
      ? `emulator mode (offline; emulator at ${running.providers.emulator?.url})`
      : `sandbox mode (real Plaid Sandbox${SAMPLE_PROCESSORS.filter(
          (processor) => running.providers.processors[processor.key]?.client !== undefined,
        )
          .map((processor) => `, ${processor.label} ${processor.environment}`)
          .join('')})`;
  process.stdout.write(`achbridge sample listening on ${running.url} in ${where}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    running.close().then(
      () => {
        process.stdout.write(`achbridge sample stopped (${signal}).\n`);
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof SampleConfigError) {
    process.stderr.write(`${error.message}\nSee apps/sample/.env.example for every variable.\n`);
  } else if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    process.stderr.write(
      'achbridge sample: the port is already in use; stop the other server or set PORT (e.g. PORT=3001 npm start).\n',
    );
  } else {
    process.stderr.write(
      `achbridge sample could not start: ${redactSecrets(error instanceof Error ? error.message : String(error))}\n`,
    );
  }
  process.exit(1);
});
