import { EmulatorControlError, EmulatorInputError } from './emulator-errors.js';
import type { FaultRule, FaultSpec } from './faults.js';
import { parseFaultSpec } from './faults-parse.js';
import { isPlainObject } from './input-validation.js';

/** The emulated clock as the control API reports it. */
export interface ClockView {
  /** Emulated now, ISO 8601. */
  now: string;
  /** Emulated now, ms since the epoch. */
  nowMs: number;
  /** How far emulated time is ahead of real time. */
  offsetMs: number;
}

/** `GET /__emulator/state`: each module's snapshot plus clock, faults and bridge counts. */
export interface EmulatorState {
  clock: ClockView;
  faults: FaultRule[];
  bridge: { stripeBankAccountTokens: number; dwollaProcessorTokens: number };
  plaid: Record<string, unknown>;
  stripe: Record<string, unknown>;
  dwolla: Record<string, unknown>;
}

/** A public token minted by the emulator's Plaid control routes. */
export interface ControlPublicToken {
  public_token: string;
  item_id: string;
  expiration: string;
}

/** Typed client for the control API under `/__emulator/`. */
export interface EmulatorControlClient {
  /** Drops all provider state, faults, minted tokens and clock offset. */
  reset(): Promise<void>;
  /** Counts and lists of every module's state. */
  state(): Promise<EmulatorState>;
  /** The emulated clock. */
  clock(): Promise<ClockView>;
  /** Moves emulated time forward by `ms` (token expiry etc.). */
  advanceClock(ms: number): Promise<ClockView>;
  /** Puts emulated time back to real time. */
  resetClock(): Promise<ClockView>;
  /** Registers a fault; see the README for the kinds. */
  addFault(spec: FaultSpec): Promise<FaultRule>;
  /** Lists active faults with their counters. */
  faults(): Promise<FaultRule[]>;
  /** Removes one fault. */
  removeFault(id: string): Promise<void>;
  /** Removes every fault. */
  clearFaults(): Promise<void>;
  /** Plaid Link helpers. */
  plaid: {
    /** Completes Link update mode for an Item: clears its login error (fires LOGIN_REPAIRED). */
    repairItem(itemId: string): Promise<Record<string, unknown>>;
    /** Creates a public token for an existing Item (what Link update mode hands the app). */
    createPublicToken(itemId: string): Promise<ControlPublicToken>;
  };
  /** Calls any control route (e.g. provider-specific ones) and returns the parsed JSON body. */
  request(method: string, path: string, body?: unknown): Promise<unknown>;
}

/** Creates a control client for the emulator at `baseUrl` (e.g. `http://127.0.0.1:4010`). */
export function createControlClient(baseUrl: string): EmulatorControlClient {
  let origin: string;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    throw new EmulatorInputError('baseUrl', 'must be an absolute http URL');
  }

  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    if (!path.startsWith('/__emulator'))
      throw new EmulatorInputError('path', "must start with '/__emulator'");
    let response: Response;
    try {
      response = await fetch(`${origin}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch (error) {
      throw new EmulatorControlError(0, 'network_error', `Control API unreachable: ${describe(error)}`);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      throw new EmulatorControlError(
        response.status,
        'invalid_response',
        'Control API answered with non-JSON.',
      );
    }
    if (!response.ok) {
      const error = isPlainObject(parsed) && isPlainObject(parsed['error']) ? parsed['error'] : {};
      const field = typeof error['field'] === 'string' ? error['field'] : undefined;
      throw new EmulatorControlError(
        response.status,
        typeof error['code'] === 'string' ? error['code'] : 'unknown_error',
        typeof error['message'] === 'string' ? error['message'] : `Control API answered ${response.status}.`,
        field,
      );
    }
    return parsed;
  };

  const objectOf = (value: unknown, what: string): Record<string, unknown> => {
    if (!isPlainObject(value)) throw new EmulatorControlError(200, 'invalid_response', `Malformed ${what}.`);
    return value;
  };

  const clockOf = (value: unknown): ClockView => {
    const clock = objectOf(value, 'clock');
    if (
      typeof clock['now'] !== 'string' ||
      typeof clock['nowMs'] !== 'number' ||
      typeof clock['offsetMs'] !== 'number'
    ) {
      throw new EmulatorControlError(200, 'invalid_response', 'Malformed clock.');
    }
    return { now: clock['now'], nowMs: clock['nowMs'], offsetMs: clock['offsetMs'] };
  };

  const faultOf = (value: unknown): FaultRule => {
    const fault = objectOf(value, 'fault');
    if (typeof fault['id'] !== 'string')
      throw new EmulatorControlError(200, 'invalid_response', 'Malformed fault.');
    return fault as unknown as FaultRule;
  };

  const itemPath = (itemId: string, action: string) => {
    if (typeof itemId !== 'string' || itemId.length === 0) {
      throw new EmulatorInputError('itemId', 'must be a non-empty string');
    }
    return `/__emulator/plaid/items/${encodeURIComponent(itemId)}/${action}`;
  };

  return {
    async reset() {
      await call('POST', '/__emulator/reset');
    },
    async state() {
      const state = objectOf(await call('GET', '/__emulator/state'), 'state');
      return {
        clock: clockOf(state['clock']),
        faults: Array.isArray(state['faults']) ? state['faults'].map(faultOf) : [],
        bridge: objectOf(state['bridge'], 'bridge') as EmulatorState['bridge'],
        plaid: isPlainObject(state['plaid']) ? state['plaid'] : {},
        stripe: isPlainObject(state['stripe']) ? state['stripe'] : {},
        dwolla: isPlainObject(state['dwolla']) ? state['dwolla'] : {},
      };
    },
    async clock() {
      return clockOf(await call('GET', '/__emulator/clock'));
    },
    async advanceClock(ms) {
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0) {
        throw new EmulatorInputError('ms', 'must be an integer >= 0');
      }
      return clockOf(await call('POST', '/__emulator/clock', { advanceMs: ms }));
    },
    async resetClock() {
      return clockOf(await call('POST', '/__emulator/clock', { reset: true }));
    },
    async addFault(spec) {
      const valid = parseFaultSpec(spec);
      const body = objectOf(await call('POST', '/__emulator/faults', valid), 'fault answer');
      return faultOf(body['fault']);
    },
    async faults() {
      const body = objectOf(await call('GET', '/__emulator/faults'), 'faults answer');
      return Array.isArray(body['faults']) ? body['faults'].map(faultOf) : [];
    },
    async removeFault(id) {
      if (typeof id !== 'string' || id.length === 0)
        throw new EmulatorInputError('id', 'must be a non-empty string');
      await call('DELETE', `/__emulator/faults/${encodeURIComponent(id)}`);
    },
    async clearFaults() {
      await call('DELETE', '/__emulator/faults');
    },
    plaid: {
      async repairItem(itemId) {
        return objectOf(await call('POST', itemPath(itemId, 'repair')), 'repair answer');
      },
      async createPublicToken(itemId) {
        const body = objectOf(await call('POST', itemPath(itemId, 'public_token')), 'public token answer');
        if (typeof body['public_token'] !== 'string' || typeof body['item_id'] !== 'string') {
          throw new EmulatorControlError(200, 'invalid_response', 'Malformed public token answer.');
        }
        return {
          public_token: body['public_token'],
          item_id: body['item_id'],
          expiration: String(body['expiration']),
        };
      },
    },
    request(method, path, body) {
      if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) {
        throw new EmulatorInputError('method', 'must be an HTTP method name');
      }
      if (typeof path !== 'string') throw new EmulatorInputError('path', 'must be a string');
      return call(method.toUpperCase(), path, body);
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
