import { createTokenBridge, type TokenBridge } from '../src/kernel/token-bridge.js';
import { STRIPE_BANK_ACCOUNT_TOKEN_KIND } from '../src/stripe/stripe-context.js';
import { randomBase62 } from '../src/stripe/stripe-ids.js';
import { createStripeModule } from '../src/stripe/stripe-module.js';
import type {
  BankAccountDetails,
  EmulatorClock,
  EmulatorRequest,
  EmulatorResponse,
  ModuleContext,
  ProviderModule,
} from '../src/types.js';
import { DEFAULT_CREDENTIALS } from '../src/types.js';

/** The test-mode key the unit tests send. */
export const TEST_KEY = DEFAULT_CREDENTIALS.stripe.secretKey;
/** The live-mode key the unit tests send. */
export const LIVE_KEY = DEFAULT_CREDENTIALS.stripe.liveSecretKey;
/** One day in ms. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** A nested parameter value the test encoder understands. */
export type ParamValue = string | number | boolean | undefined | ParamValue[] | { [key: string]: ParamValue };

/** Form-encodes nested params with bracket keys and indexed arrays, as stripe-node does. */
export function encodeForm(params: Record<string, ParamValue>): string {
  const pairs: string[] = [];
  const walk = (prefix: string, value: ParamValue): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(`${prefix}[${index}]`, item);
    } else if (typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(prefix ? `${prefix}[${key}]` : key, item);
    } else {
      pairs.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(String(value))}`);
    }
  };
  walk('', params);
  return pairs.join('&');
}

/** A manual clock (starts 2026-01-15T12:00:00Z). */
export function createTestClock(start = Date.UTC(2026, 0, 15, 12, 0, 0)): EmulatorClock {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    reset() {
      now = start;
    },
  };
}

/** A bridge whose `revokeItem` drops the Item's btoks like the real one. */
export function createTestBridge(): TokenBridge {
  return createTokenBridge();
}

/** Options of `StripeHarness.call`. */
export interface CallOptions {
  /** API key to send as Bearer (default the test key); null sends no Authorization header. */
  key?: string | null;
  /** Extra or overriding headers. */
  headers?: Record<string, string>;
  /** A raw body instead of the encoded params. */
  rawBody?: string;
}

/** A parsed module answer. */
export interface CallResult {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  raw: EmulatorResponse;
}

/** Everything a Stripe unit test needs. */
export interface StripeHarness {
  module: ProviderModule;
  clock: EmulatorClock;
  bridge: TokenBridge;
  context: ModuleContext;
  /** Calls the module: params go to the query for GET/DELETE, the form body for POST. */
  call(
    method: string,
    path: string,
    params?: Record<string, ParamValue>,
    options?: CallOptions,
  ): Promise<CallResult>;
  /** Adds a btok to the bridge the way the emulated Plaid's `/processor/stripe/bank_account_token/create` does. */
  mintBtok(overrides?: Partial<BankAccountDetails>): string;
  /** Creates a customer with an attached Plaid btok; returns the customer and bank account ids. */
  customerWithBank(): Promise<{ customer: string; bankAccount: string; btok: string }>;
}

/**
 * An account default from before 2026-09-30.endive, for tests of the legacy `payment_method_types` parameter
 * sent without a `Stripe-Version` header (the module's own default is the current version).
 */
export const PRE_ENDIVE_ACCOUNT = { accountApiVersion: '2026-07-29.dahlia' } as const;

/** Creates a fresh module with a manual clock and a test bridge. */
export function createStripeHarness(
  options: { settlementDelayMs?: number; accountApiVersion?: string } = {},
): StripeHarness {
  const clock = createTestClock();
  const bridge = createTestBridge();
  const context: ModuleContext = {
    clock,
    bridge,
    credentials: DEFAULT_CREDENTIALS,
    options: { dwollaTokenTtlSeconds: 3600, webhookRetryDelayMs: 10, webhookTimeoutMs: 1000 },
  };
  const module = createStripeModule(context, options);
  const call: StripeHarness['call'] = async (method, path, params = {}, callOptions = {}) => {
    const encoded = encodeForm(params);
    const isBodyMethod = method === 'POST';
    const [pathOnly, queryString] = path.split('?') as [string, string | undefined];
    const query = new URLSearchParams(queryString ?? '');
    if (!isBodyMethod) for (const [key, value] of new URLSearchParams(encoded)) query.append(key, value);
    const key = callOptions.key === undefined ? TEST_KEY : callOptions.key;
    const headers: Record<string, string> = {};
    if (key !== null) headers['authorization'] = `Bearer ${key}`;
    if (isBodyMethod) headers['content-type'] = 'application/x-www-form-urlencoded';
    Object.assign(headers, callOptions.headers ?? {});
    const request: EmulatorRequest = {
      method,
      path: pathOnly,
      query,
      headers,
      rawBody: Buffer.from(callOptions.rawBody ?? (isBodyMethod ? encoded : ''), 'utf8'),
      origin: 'http://127.0.0.1:4010',
    };
    const raw = await module.handle(request);
    const body = typeof raw.body === 'string' ? { text: raw.body } : (raw.body as Record<string, unknown>);
    return { status: raw.status, headers: raw.headers ?? {}, body, raw };
  };
  const mintBtok: StripeHarness['mintBtok'] = (overrides = {}) => {
    const token = `btok_${randomBase62(24)}`;
    bridge.mint(
      STRIPE_BANK_ACCOUNT_TOKEN_KIND,
      token,
      {
        itemId: 'item_test_1',
        accountId: 'acc_checking_1',
        institutionId: 'ins_109508',
        institutionName: 'First Platypus Bank',
        accountName: 'Plaid Checking',
        accountMask: '0000',
        accountType: 'checking',
        routingNumber: '011401533',
        accountNumber: '1111222233330000',
        holderName: 'Alberta Bobbeth Charleson',
        ...overrides,
      },
      clock.now(),
    );
    return token;
  };
  return {
    module,
    clock,
    bridge,
    context,
    call,
    mintBtok,
    async customerWithBank() {
      const btok = mintBtok();
      const created = await call('POST', '/customers', { email: 'payer@example.com', source: btok });
      if (created.status !== 200) throw new Error(`customer create failed: ${JSON.stringify(created.body)}`);
      return {
        customer: String(created.body['id']),
        bankAccount: String(created.body['default_source']),
        btok,
      };
    },
  };
}

/** The `error` member of a Stripe error body. */
export function stripeError(result: CallResult): Record<string, unknown> {
  return result.body['error'] as Record<string, unknown>;
}

/** Standard online mandate acceptance params. */
export const ONLINE_ACCEPTANCE = {
  customer_acceptance: {
    type: 'online',
    online: { ip_address: '203.0.113.7', user_agent: 'Mozilla/5.0 (emulator test)' },
  },
} as const;
