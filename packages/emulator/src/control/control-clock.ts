import { EmulatorInputError } from '../emulator-errors.js';
import {
  readObject,
  readOptionalBoolean,
  readOptionalInteger,
  rejectUnknownKeys,
} from '../input-validation.js';

/** A validated `POST /__emulator/clock` body. */
export interface ClockCommand {
  /** Go back to real time first. */
  reset: boolean;
  /** Then move emulated time forward by this many ms. */
  advanceMs: number;
}

const MAX_ADVANCE_MS = 100 * 365 * 24 * 3600 * 1000;

/** Validates `{ advanceMs?, advanceSeconds?, reset? }`; at least one must be given. */
export function parseClockCommand(input: unknown): ClockCommand {
  const value = readObject(input, 'body');
  rejectUnknownKeys(value, ['advanceMs', 'advanceSeconds', 'reset'], '');
  const advanceMs = readOptionalInteger(value['advanceMs'], 'advanceMs', 0, MAX_ADVANCE_MS);
  const advanceSeconds = readOptionalInteger(
    value['advanceSeconds'],
    'advanceSeconds',
    0,
    MAX_ADVANCE_MS / 1000,
  );
  const reset = readOptionalBoolean(value['reset'], 'reset') ?? false;
  if (advanceMs !== undefined && advanceSeconds !== undefined) {
    throw new EmulatorInputError('advanceSeconds', 'give either advanceMs or advanceSeconds, not both');
  }
  if (advanceMs === undefined && advanceSeconds === undefined && !reset) {
    throw new EmulatorInputError('advanceMs', 'is required (or advanceSeconds, or reset: true)');
  }
  return { reset, advanceMs: advanceMs ?? (advanceSeconds ?? 0) * 1000 };
}
