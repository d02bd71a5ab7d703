import { EmulatorControlError, EmulatorInputError } from '../emulator-errors.js';
import type { FaultRule, FaultSpec } from '../faults.js';
import { parseFaultSpec } from '../faults-parse.js';
import { isPlainObject } from '../input-validation.js';
import type { WebhookDeliveryView } from '../types.js';

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
  /** Live token counts per token kind a provider module declared with a state key (Stripe btoks, Dwolla processor tokens, …). */
  bridge: { stripeBankAccountTokens: number; dwollaProcessorTokens: number; [stateKey: string]: number };
  plaid: Record<string, unknown>;
  stripe: Record<string, unknown>;
  dwolla: Record<string, unknown>;
  /** The emulated Modern Treasury's snapshot (counts, external accounts, payment orders). */
  modernTreasury: Record<string, unknown>;
  /** Every registered module's snapshot keyed by its name (the fields above are shortcuts into it). */
  providers: Record<string, Record<string, unknown>>;
}

/** A public token minted by the emulator's Plaid control routes. */
export interface ControlPublicToken {
  public_token: string;
  item_id: string;
  expiration: string;
}

/** A Plaid webhook verification key (public JWK plus `created_at` / `expired_at` Unix seconds). */
export interface ControlWebhookKey {
  alg: string;
  crv: string;
  kid: string;
  kty: string;
  use: string;
  x: string;
  y: string;
  created_at: number;
  expired_at: number | null;
}

/** The emulated Plaid's webhook keys: the current signing key id and every key. */
export interface ControlWebhookKeys {
  current_key_id: string;
  keys: ControlWebhookKey[];
}

/** The answer of a webhook key rotation. */
export interface ControlWebhookKeyRotation extends ControlWebhookKeys {
  /** The new signing key. */
  key_id: string;
  /** The key that signed until now (still valid unless `expirePrevious` was set). */
  previous_key_id: string;
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
  /** Webhook deliveries (Plaid and Dwolla) with every attempt, oldest first; `provider` filters. */
  webhooks(options?: { provider?: string }): Promise<WebhookDeliveryView[]>;
  /** Plaid Link and webhook helpers. */
  plaid: {
    /** Completes Link update mode for an Item: clears its login error (fires LOGIN_REPAIRED). */
    repairItem(itemId: string): Promise<Record<string, unknown>>;
    /** Creates a public token for an existing Item (what Link update mode hands the app). */
    createPublicToken(itemId: string): Promise<ControlPublicToken>;
    /** The webhook signing keys (current key id and every public JWK). */
    webhookKeys(): Promise<ControlWebhookKeys>;
    /** Makes a new webhook signing key current; older keys stay valid unless `expirePrevious`. */
    rotateWebhookKey(options?: { expirePrevious?: boolean }): Promise<ControlWebhookKeyRotation>;
    /** Sets `expired_at` on a webhook key: verifiers must refuse webhooks signed with it. */
    expireWebhookKey(keyId: string): Promise<ControlWebhookKey>;
  };
  /**
   * Returns a payment with an ACH return code now: a Stripe PaymentIntent that is processing fails
   * (`payment_intent.payment_failed`), a succeeded one with an unauthorized code gets a dispute
   * (`charge.dispute.created`); a pending or processed Dwolla transfer fails (`*_transfer_failed`); a sent or
   * completed Modern Treasury payment order is returned. `provider` is any registered module's name; one that
   * is unknown or has no return operation gets an `EmulatorControlError` with status 404.
   */
  returnPayment(input: {
    provider: string;
    paymentId: string;
    code: string;
  }): Promise<Record<string, unknown>>;
  /** Calls any control route (e.g. provider-specific ones) and returns the parsed JSON body. */
  request(method: string, path: string, body?: unknown): Promise<unknown>;
}

/** Creates a control client for the emulator at `baseUrl` (e.g. `http://127.0.0.1:4010`). */
export function createControlClient(baseUrl: string): EmulatorControlClient {
  let origin: string;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('not http(s)');
    origin = url.origin;
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
        headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
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

  const optionsOf = (value: unknown): Record<string, unknown> => {
    if (!isPlainObject(value)) throw new EmulatorInputError('options', 'must be an object');
    return value;
  };

  const itemPath = (itemId: string, action: string) => {
    if (typeof itemId !== 'string' || itemId.length === 0) {
      throw new EmulatorInputError('itemId', 'must be a non-empty string');
    }
    return `/__emulator/plaid/items/${encodeURIComponent(itemId)}/${action}`;
  };

  const keyOf = (value: unknown): ControlWebhookKey => {
    const key = objectOf(value, 'webhook key');
    if (typeof key['kid'] !== 'string' || typeof key['x'] !== 'string') {
      throw new EmulatorControlError(200, 'invalid_response', 'Malformed webhook key.');
    }
    return key as unknown as ControlWebhookKey;
  };

  const keysOf = (value: unknown): ControlWebhookKeys => {
    const body = objectOf(value, 'webhook keys answer');
    if (typeof body['current_key_id'] !== 'string' || !Array.isArray(body['keys'])) {
      throw new EmulatorControlError(200, 'invalid_response', 'Malformed webhook keys answer.');
    }
    return { current_key_id: body['current_key_id'], keys: body['keys'].map(keyOf) };
  };

  return {
    async webhooks(options = {}) {
      const filter = optionsOf(options);
      const provider = filter['provider'];
      if (provider !== undefined && (typeof provider !== 'string' || provider.length === 0)) {
        throw new EmulatorInputError('provider', 'must be the name of an emulated provider');
      }
      const query = provider === undefined ? '' : `?provider=${encodeURIComponent(provider)}`;
      const body = objectOf(await call('GET', `/__emulator/webhooks${query}`), 'webhooks answer');
      if (!Array.isArray(body['deliveries'])) {
        throw new EmulatorControlError(200, 'invalid_response', 'Malformed webhooks answer.');
      }
      return body['deliveries'].map((delivery) => {
        const record = objectOf(delivery, 'webhook delivery');
        if (typeof record['id'] !== 'string' || !Array.isArray(record['attempts'])) {
          throw new EmulatorControlError(200, 'invalid_response', 'Malformed webhook delivery.');
        }
        return record as unknown as WebhookDeliveryView;
      });
    },
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
        modernTreasury: isPlainObject(state['modern-treasury']) ? state['modern-treasury'] : {},
        providers: providerSnapshots(state),
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
      async webhookKeys() {
        return keysOf(await call('GET', '/__emulator/plaid/webhook-keys'));
      },
      async rotateWebhookKey(options = {}) {
        const input = optionsOf(options);
        const expirePrevious = input['expirePrevious'];
        if (expirePrevious !== undefined && typeof expirePrevious !== 'boolean') {
          throw new EmulatorInputError('expirePrevious', 'must be a boolean');
        }
        const body = objectOf(
          await call(
            'POST',
            '/__emulator/plaid/webhook-keys/rotate',
            expirePrevious === undefined ? {} : { expirePrevious },
          ),
          'rotation answer',
        );
        if (typeof body['key_id'] !== 'string' || typeof body['previous_key_id'] !== 'string') {
          throw new EmulatorControlError(200, 'invalid_response', 'Malformed rotation answer.');
        }
        return {
          ...keysOf({ ...body, current_key_id: body['key_id'] }),
          key_id: body['key_id'],
          previous_key_id: body['previous_key_id'],
        };
      },
      async expireWebhookKey(keyId) {
        if (typeof keyId !== 'string' || keyId.length === 0) {
          throw new EmulatorInputError('keyId', 'must be a non-empty string');
        }
        const path = `/__emulator/plaid/webhook-keys/${encodeURIComponent(keyId)}/expire`;
        return keyOf(objectOf(await call('POST', path), 'expire answer')['key']);
      },
    },
    async returnPayment(input) {
      const given = optionsOf(input);
      const provider = given['provider'];
      const paymentId = given['paymentId'];
      const code = given['code'];
      if (typeof provider !== 'string' || provider.length === 0) {
        throw new EmulatorInputError('provider', 'must be the name of an emulated provider');
      }
      if (typeof paymentId !== 'string' || paymentId.length === 0) {
        throw new EmulatorInputError('paymentId', 'must be a non-empty string');
      }
      if (typeof code !== 'string' || !/^R\d{2}$/i.test(code)) {
        throw new EmulatorInputError('code', 'must be an ACH return code such as R01');
      }
      const path = `/__emulator/${encodeURIComponent(provider)}/payments/${encodeURIComponent(paymentId)}/return`;
      return objectOf(await call('POST', path, { code }), 'return answer');
    },
    async request(method, path, body) {
      if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) {
        throw new EmulatorInputError('method', 'must be an HTTP method name');
      }
      if (typeof path !== 'string') throw new EmulatorInputError('path', 'must be a string');
      return call(method.toUpperCase(), path, body);
    },
  };
}

const STATE_FIELDS = new Set(['clock', 'faults', 'bridge']);

/** Every module's snapshot in a state answer, keyed by the module's name. */
function providerSnapshots(state: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const providers: Record<string, Record<string, unknown>> = {};
  for (const [name, value] of Object.entries(state)) {
    if (!STATE_FIELDS.has(name) && isPlainObject(value)) providers[name] = value;
  }
  return providers;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
