import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { redactSecrets, redactValue } from './redact.js';
import { parseInput } from './validate.js';

/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** The logger shape achbridge calls; compatible with pino, console and most structured loggers. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const noop = (): void => {};

/** A logger that drops everything; the default. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const consoleLoggerInputSchema = lazySchema(() =>
  z.object({
    level: z.enum(['debug', 'info', 'warn', 'error'], {
      error: "must be 'debug', 'info', 'warn' or 'error'",
    }),
  }),
);

/** A logger writing JSON lines to the console at or above `level`. */
export function createConsoleLogger(level: LogLevel = 'info'): Logger {
  parseInput('createConsoleLogger', consoleLoggerInputSchema(), { level });
  const write =
    (at: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      if (ORDER[at] < ORDER[level]) return;
      const line = JSON.stringify({ level: at, message, ...fields });
      if (at === 'error' || at === 'warn') console.error(line);
      else console.log(line);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Wraps a caller's logger so every message and field is redacted before it leaves achbridge. */
export function createRedactingLogger(logger: Logger | undefined): Logger {
  if (!logger || logger === silentLogger) return silentLogger;
  const wrap =
    (at: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      try {
        logger[at](redactSecrets(message), fields ? (redactValue(fields) as LogFields) : undefined);
      } catch {
        // A failing user logger must never break a payment flow.
      }
    };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
