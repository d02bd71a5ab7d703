import { inspect } from 'node:util';
import type { LogFields, Logger, LogLevel } from '@achbridge/core';

/** A logger that keeps every line at every level (debug included) as text, for the secret-leak audit. */
export interface CaptureLogger extends Logger {
  /** Each line as `level message fields` (fields both JSON-encoded and inspected). */
  readonly lines: string[];
}

/** Creates a capturing logger. */
export function createCaptureLogger(): CaptureLogger {
  const lines: string[] = [];
  const write =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})} ${inspect(fields, { depth: 10 })}`);
    };
  return { lines, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
