#!/usr/bin/env node
import { parseCliArguments } from './cli-arguments.js';
import { startEmulator } from './start-emulator.js';

/** Runs `achbridge-emulator [--port N] [--host H]`: prints one JSON line, serves until SIGINT/SIGTERM. */
async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseCliArguments(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(`${parsed.text}\n`);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`achbridge-emulator: ${parsed.message}\n`);
    process.exitCode = 2;
    return;
  }
  const emulator = await startEmulator(parsed.options);
  const { control: _control, close: _close, ...summary } = emulator;
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`achbridge-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
