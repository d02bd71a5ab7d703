import type { StartEmulatorOptions } from './emulator-options.js';

/** The CLI's parsed command line. */
export type CliArguments =
  | { kind: 'run'; options: StartEmulatorOptions }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

const HELP = `Usage: achbridge-emulator [--port N] [--host HOST] [--state-file PATH]

Starts the offline Plaid Sandbox / Stripe test mode / Dwolla Sandbox emulator, prints one JSON line
with its URLs and credentials, and serves until SIGINT or SIGTERM.

  --port N      TCP port (default 0: a free port)
  --host HOST   interface to bind (default 127.0.0.1)
  --state-file PATH
                keep the state in this JSON file: loaded at start, written after every change
                (atomically), so a restart keeps Items, customers and payments; access tokens are
                stored as SHA-256 hashes only
  --help        show this text`;

/** Parses `--port N`, `--host H`, `--state-file PATH` (also `--port=N`) and `--help`. */
export function parseCliArguments(argv: readonly string[]): CliArguments {
  const options: StartEmulatorOptions = {};
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    if (argument === '--help' || argument === '-h') return { kind: 'help', text: HELP };
    const [flag, inline] = argument.includes('=') ? argument.split(/=(.*)/s, 2) : [argument, undefined];
    if (flag !== '--port' && flag !== '--host' && flag !== '--state-file')
      return { kind: 'error', message: `unknown argument ${argument}` };
    let value = inline;
    if (value === undefined) {
      index += 1;
      value = argv[index];
    }
    if (value === undefined || value === '') return { kind: 'error', message: `${flag} needs a value` };
    if (flag === '--port') {
      const port = Number(value);
      if (!/^\d+$/.test(value) || port > 65_535)
        return { kind: 'error', message: `--port must be 0-65535, got ${value}` };
      options.port = port;
    } else if (flag === '--state-file') {
      options.stateFile = value;
    } else {
      options.host = value;
    }
  }
  return { kind: 'run', options };
}
