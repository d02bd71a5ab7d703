import { DWOLLA_PROCESSOR } from '../src/dwolla/dwolla-context.js';
import { createDwollaModule, type DwollaModule } from '../src/dwolla/dwolla-module.js';
import { createTokenBridge, type TokenBridge } from '../src/kernel/token-bridge.js';
import type {
  BankAccountDetails,
  DwollaDuplicateAnswer,
  EmulatorClock,
  EmulatorRequest,
  EmulatorResponse,
  ModuleContext,
} from '../src/types.js';
import { DEFAULT_CREDENTIALS } from '../src/types.js';

/** The origin the unit tests pretend the emulator runs on. */
export const TEST_ORIGIN = 'http://127.0.0.1:4010';
/** `<origin>/dwolla`. */
export const TEST_BASE = `${TEST_ORIGIN}/dwolla`;
/** The Accept header every Dwolla call needs. */
export const HAL = 'application/vnd.dwolla.v1.hal+json';

/** A manual clock starting at a fixed instant. */
export interface TestClock extends EmulatorClock {
  set(ms: number): void;
}

/** Creates a manual clock at 2026-01-15T12:00:00Z. */
export function createTestClock(start = Date.UTC(2026, 0, 15, 12, 0, 0)): TestClock {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    reset() {
      now = start;
    },
    set(ms) {
      now = ms;
    },
  };
}

/** A bridge with real revocation semantics (tokens of a removed Item disappear). */
export function createTestBridge(): TokenBridge {
  return createTokenBridge();
}

/** Everything a Dwolla unit test needs. */
export interface DwollaHarness {
  module: DwollaModule;
  clock: TestClock;
  bridge: TokenBridge;
  context: ModuleContext;
  /** Mints a processor token the way the emulated Plaid does on `/processor/token/create`. */
  mintProcessorToken(overrides?: Partial<BankAccountDetails>): string;
  /** Gets a bearer token with the default credentials. */
  token(): Promise<string>;
  /** Calls the module with Accept + bearer set (override with `headers`). */
  call(method: string, path: string, options?: CallOptions): Promise<EmulatorResponse>;
  /** Creates an unverified customer and returns its id. */
  createCustomer(overrides?: Record<string, unknown>): Promise<string>;
}

/** Options of `DwollaHarness.call`. */
export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string | undefined>;
  query?: string;
  /** Omit the bearer token. */
  anonymous?: boolean;
}

let tokenCounter = 0;
let emailCounter = 0;

/** Default Plaid Sandbox checking-account details (routing/account from Plaid's sandbox Auth data). */
export function sandboxDetails(overrides: Partial<BankAccountDetails> = {}): BankAccountDetails {
  return {
    itemId: 'item-sandbox-1',
    accountId: 'acc-checking-1',
    institutionId: 'ins_109508',
    institutionName: 'First Platypus Bank',
    accountName: 'Plaid Checking',
    accountMask: '0000',
    accountType: 'checking',
    routingNumber: '011401533',
    accountNumber: '1111222233330000',
    holderName: 'Alberta Bobbeth Charleson',
    ...overrides,
  };
}

/** Builds a raw module request. */
export function buildRequest(method: string, path: string, options: CallOptions = {}): EmulatorRequest {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.headers ?? {})) {
    if (value !== undefined) headers[key.toLowerCase()] = value;
  }
  const raw = options.rawBody ?? (options.body === undefined ? '' : JSON.stringify(options.body));
  return {
    method,
    path,
    query: new URLSearchParams(options.query ?? ''),
    headers,
    rawBody: Buffer.from(raw, 'utf8'),
    origin: TEST_ORIGIN,
  };
}

/** Creates a module over a manual clock and a fresh bridge. */
export function createDwollaHarness(
  tokenTtlSeconds = 3600,
  duplicateAnswer?: DwollaDuplicateAnswer,
): DwollaHarness {
  const clock = createTestClock();
  const bridge = createTestBridge();
  const context: ModuleContext = {
    clock,
    bridge,
    credentials: DEFAULT_CREDENTIALS,
    options: {
      dwollaTokenTtlSeconds: tokenTtlSeconds,
      webhookRetryDelayMs: 10,
      webhookTimeoutMs: 100,
      dwollaDuplicateAnswer: duplicateAnswer,
    },
  };
  const module = createDwollaModule(context);
  let bearer: string | undefined;

  async function token(): Promise<string> {
    const { key, secret } = DEFAULT_CREDENTIALS.dwolla;
    const response = await module.handle(
      buildRequest('POST', '/token', {
        rawBody: new URLSearchParams({
          client_id: key,
          client_secret: secret,
          grant_type: 'client_credentials',
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    const body = response.body as { access_token: string };
    return body.access_token;
  }

  async function call(method: string, path: string, options: CallOptions = {}): Promise<EmulatorResponse> {
    if (!options.anonymous && bearer === undefined) bearer = await token();
    const headers: Record<string, string | undefined> = {
      accept: HAL,
      ...(options.anonymous ? {} : { authorization: `Bearer ${bearer}` }),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    };
    return module.handle(buildRequest(method, path, { ...options, headers }));
  }

  return {
    module,
    clock,
    bridge,
    context,
    mintProcessorToken(overrides = {}) {
      tokenCounter += 1;
      const token = `processor-sandbox-${tokenCounter.toString().padStart(8, '0')}-test`;
      bridge.mint(DWOLLA_PROCESSOR, token, sandboxDetails(overrides), clock.now());
      return token;
    },
    token,
    call,
    async createCustomer(overrides = {}) {
      emailCounter += 1;
      const response = await call('POST', '/customers', {
        body: { firstName: 'Jane', lastName: 'Doe', email: `jane.${emailCounter}@example.com`, ...overrides },
      });
      if (response.status !== 201)
        throw new Error(`customer create failed: ${JSON.stringify(response.body)}`);
      return idFromLocation(response);
    },
  };
}

/** The id at the end of a 201's Location header. */
export function idFromLocation(response: EmulatorResponse): string {
  const location = response.headers?.['location'];
  if (location === undefined) throw new Error(`no Location header (status ${response.status})`);
  const id = location.split('/').pop();
  if (id === undefined || id === '') throw new Error(`no id in ${location}`);
  return id;
}

/** The response body as a record (fails the test helper loudly if it is not one). */
export function bodyOf(response: EmulatorResponse): Record<string, unknown> {
  if (typeof response.body !== 'object' || response.body === null) {
    throw new Error(`body is not an object: ${String(response.body)}`);
  }
  return response.body as Record<string, unknown>;
}
