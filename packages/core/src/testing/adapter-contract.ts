import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { z } from 'zod';
import type { LinkResult, ProcessorAdapter } from '../adapter.js';
import { AchBridgeError, InputValidationError } from '../errors.js';
import { tryParsePlaidToken } from '../plaid/plaid-tokens.js';
import type { AchProcessor } from '../processor-requirements.js';
import { isSecretKey } from '../redact.js';
import { parseInput } from '../validate.js';

/** A plain-object link input; it must carry `accountId`. */
export interface ContractLinkInput {
  accountId: string;
}

/** What `setup()` returns for one case: a fresh adapter wired to a fresh backend (e.g. the emulator). */
export interface AdapterContractHarness<
  Input extends ContractLinkInput = ContractLinkInput,
  Result extends LinkResult = LinkResult,
> {
  /** The adapter under test. */
  adapter: ProcessorAdapter<Input, Result>;
  /** An input that links successfully. */
  linkInput: Input;
  /** How many processor-side bank accounts (or funding sources) exist for the backend's customers. */
  countBankAccounts(): Promise<number>;
  /** Optional: how many HTTP requests the adapter has sent so far; proves validation comes before the network. */
  countRequests?: () => number | Promise<number>;
  /** Stops whatever `setup()` started. */
  teardown(): Promise<void>;
}

/** Options of `createAdapterContractCases`. */
export interface AdapterContractOptions<
  Input extends ContractLinkInput = ContractLinkInput,
  Result extends LinkResult = LinkResult,
> {
  /** The processor the adapter must report (any adapter's name). */
  processor: AchProcessor;
  /** Builds a fresh harness (fresh backend state: no bank accounts yet); called once per case. */
  setup(): Promise<AdapterContractHarness<Input, Result>>;
  /** Inputs that pass validation but must fail at a provider (default: `linkInput` with an unknown accountId). */
  failingInputs?: (linkInput: Input) => { name: string; input: unknown }[];
  /** Reads the processor-side bank account id from a result, to prove a second link returns the same one. */
  bankAccountIdOf?: (result: Result) => string;
}

/** One framework-agnostic contract case; `run` throws (node:assert) on failure. */
export interface AdapterContractCase {
  name: string;
  run(): Promise<void>;
}

const optionsSchema = z.object({
  processor: z.string({ error: 'must be a string' }).trim().min(1, 'must be a non-empty processor name'),
  setup: z.custom<() => Promise<unknown>>((value) => typeof value === 'function', {
    message: 'must be a function',
  }),
  failingInputs: z
    .custom<(input: unknown) => unknown>((value) => typeof value === 'function', {
      message: 'must be a function',
    })
    .optional(),
  bankAccountIdOf: z
    .custom<(result: unknown) => unknown>((value) => typeof value === 'function', {
      message: 'must be a function',
    })
    .optional(),
});

function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'not-a-number';
  if (typeof value === 'boolean') return 'not-a-boolean';
  return 42;
}

function secretsIn(input: unknown, found: string[] = [], key = ''): string[] {
  if (typeof input === 'string') {
    if (input.length >= 6 && (isSecretKey(key) || tryParsePlaidToken(input))) found.push(input);
  } else if (typeof input === 'object' && input !== null) {
    for (const [innerKey, inner] of Object.entries(input)) secretsIn(inner, found, innerKey);
  }
  return found;
}

async function captureRejection(action: () => Promise<unknown>, what: string): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  assert.fail(`${what} resolved but was expected to reject`);
}

async function withHarness<Input extends ContractLinkInput, Result extends LinkResult>(
  options: AdapterContractOptions<Input, Result>,
  body: (harness: AdapterContractHarness<Input, Result>) => Promise<void>,
): Promise<void> {
  const harness = await options.setup();
  try {
    await body(harness);
  } finally {
    await harness.teardown();
  }
}

function assertLinkResult(
  result: unknown,
  processor: string,
  input: ContractLinkInput,
): asserts result is LinkResult {
  assert.ok(typeof result === 'object' && result !== null, 'link must resolve to an object');
  const value = result as Record<string, unknown>;
  assert.equal(value.processor, processor, 'LinkResult.processor');
  for (const field of ['itemId', 'accountId', 'customerId'] as const) {
    assert.equal(typeof value[field], 'string', `LinkResult.${field} must be a string`);
    assert.ok((value[field] as string).length > 0, `LinkResult.${field} must not be empty`);
  }
  assert.equal(value.accountId, input.accountId, 'LinkResult.accountId must be the linked Plaid account');
  assert.equal(typeof value.created, 'boolean', 'LinkResult.created must be a boolean');
}

async function assertRejectedBeforeNetwork<Input extends ContractLinkInput, Result extends LinkResult>(
  harness: AdapterContractHarness<Input, Result>,
  input: unknown,
  check: (error: InputValidationError) => void,
  what: string,
): Promise<void> {
  const requestsBefore = harness.countRequests ? await harness.countRequests() : undefined;
  const error = await captureRejection(() => harness.adapter.link(input as Input), what);
  assert.ok(
    InputValidationError.isInstance(error),
    `${what} must reject with InputValidationError, got ${error instanceof Error ? error.name : String(error)}`,
  );
  check(error);
  if (requestsBefore !== undefined && harness.countRequests) {
    assert.equal(await harness.countRequests(), requestsBefore, `${what} must not send any request`);
  }
  assert.equal(await harness.countBankAccounts(), 0, `${what} must not create a bank account`);
}

/**
 * Builds the contract every processor adapter must pass, as framework-agnostic cases:
 * `for (const c of createAdapterContractCases(options)) it(c.name, c.run)`.
 */
export function createAdapterContractCases<
  Input extends ContractLinkInput,
  Result extends LinkResult = LinkResult,
>(options: AdapterContractOptions<Input, Result>): AdapterContractCase[] {
  parseInput('createAdapterContractCases', optionsSchema, options);
  const p = options.processor;
  const cases: AdapterContractCase[] = [];
  const add = (name: string, run: () => Promise<void>): void => {
    cases.push({ name: `${p} adapter contract: ${name}`, run });
  };

  add(`link returns a LinkResult naming '${p}'`, () =>
    withHarness(options, async ({ adapter, linkInput, countBankAccounts }) => {
      assert.equal(adapter.processor, p, 'adapter.processor');
      const result = await adapter.link(linkInput);
      assertLinkResult(result, p, linkInput);
      assert.equal(result.created, true, 'the first link must create the bank account');
      assert.equal(await countBankAccounts(), 1, 'one bank account after the first link');
    }),
  );

  add('linking twice returns the same customer and bank account with created: false', () =>
    withHarness(options, async ({ adapter, linkInput, countBankAccounts }) => {
      const first = await adapter.link(linkInput);
      const second = await adapter.link(linkInput);
      assertLinkResult(second, p, linkInput);
      assert.equal(first.created, true, 'first link: created');
      assert.equal(second.created, false, 'second link: created must be false');
      assert.equal(second.customerId, first.customerId, 'same customer');
      assert.equal(second.itemId, first.itemId, 'same item');
      assert.equal(second.accountId, first.accountId, 'same account');
      if (options.bankAccountIdOf) {
        assert.equal(options.bankAccountIdOf(second), options.bankAccountIdOf(first), 'same bank account');
      }
      assert.equal(await countBankAccounts(), 1, 'still exactly one bank account');
    }),
  );

  add('an input without accountId is rejected naming accountId before any network call', () =>
    withHarness(options, async (harness) => {
      const { accountId: _dropped, ...withoutAccount } = harness.linkInput;
      await assertRejectedBeforeNetwork(
        harness,
        withoutAccount,
        (error) => assert.equal(error.field, 'accountId', 'InputValidationError.field'),
        'link without accountId',
      );
    }),
  );

  add('an empty object is rejected naming a required field before any network call', () =>
    withHarness(options, async (harness) => {
      const keys = Object.keys(harness.linkInput as object);
      await assertRejectedBeforeNetwork(
        harness,
        {},
        (error) => {
          const head = error.field.split('.')[0] ?? '';
          assert.ok(keys.includes(head), `field '${error.field}' must name one of ${keys.join(', ')}`);
        },
        'link({})',
      );
    }),
  );

  add('fields of the wrong type are rejected naming the field before any network call', () =>
    withHarness(options, async (harness) => {
      for (const [key, value] of Object.entries(harness.linkInput as object)) {
        const input = { ...harness.linkInput, [key]: wrongTypeFor(value) };
        await assertRejectedBeforeNetwork(
          harness,
          input,
          (error) =>
            assert.ok(
              error.field === key || error.field.startsWith(`${key}.`),
              `wrong type for '${key}' must be reported on '${key}', got '${error.field}'`,
            ),
          `link with a wrong type for ${key}`,
        );
      }
    }),
  );

  add('non-object inputs (undefined, null, a string, an array) are rejected before any network call', () =>
    withHarness(options, async (harness) => {
      for (const input of [undefined, null, 'accountId', [harness.linkInput]]) {
        await assertRejectedBeforeNetwork(
          harness,
          input,
          () => {},
          `link(${JSON.stringify(input) ?? 'undefined'})`,
        );
      }
    }),
  );

  add('provider failures reject with an AchBridgeError that leaks no token or secret', () =>
    withHarness(options, async ({ adapter, linkInput }) => {
      const failing = options.failingInputs?.(linkInput) ?? [
        {
          name: 'unknown accountId',
          input: { ...linkInput, accountId: 'contractUnknownAccount000000000000000' },
        },
      ];
      assert.ok(failing.length > 0, 'failingInputs must return at least one input');
      for (const { name, input } of failing) {
        const error = await captureRejection(() => adapter.link(input as Input), `link with ${name}`);
        assert.ok(AchBridgeError.isInstance(error), `link with ${name} must reject with an AchBridgeError`);
        assert.ok(error instanceof Error, `link with ${name} must reject with an Error`);
        const views = [String(error), error.stack ?? '', JSON.stringify(error), inspect(error, { depth: 5 })];
        for (const secret of secretsIn(input)) {
          for (const view of views) {
            assert.ok(
              !view.includes(secret),
              `the error of link with ${name} must not show a token or secret`,
            );
          }
        }
      }
    }),
  );

  return cases;
}
