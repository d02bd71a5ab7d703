#!/usr/bin/env node
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactSecrets } from '@achbridge/core';
import { mergeEnvFile, parseSampleConfig, SampleConfigError } from '../config/load-config.js';
import { parseDemoArguments } from './cli-arguments.js';
import { runDemo } from './run-demo.js';

const ENV_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../.env');

async function main(): Promise<number> {
  const command = parseDemoArguments(process.argv.slice(2));
  if (command.kind === 'help') {
    process.stdout.write(`${command.text}\n`);
    return 0;
  }
  if (command.kind === 'error') {
    process.stderr.write(`demo: ${command.message}\nRun with --help for usage.\n`);
    return 2;
  }
  const config = parseSampleConfig(mergeEnvFile({ ...process.env }, ENV_FILE));
  return runDemo({ options: command.options, config, write: (text) => process.stdout.write(text) });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof SampleConfigError) {
      process.stderr.write(`${error.message}\nSee apps/sample/.env.example for every variable.\n`);
    } else {
      process.stderr.write(
        `demo failed: ${redactSecrets(error instanceof Error ? error.message : String(error))}\n`,
      );
    }
    process.exitCode = 1;
  },
);
