import fc from 'fast-check';

/** Any JavaScript value, including the awkward ones (boxed values, Maps, typed arrays, null prototypes, functions). */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 2,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withBigInt: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
  }),
  fc.func(fc.anything()),
  fc.constant(new AbortController().signal),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
);

/** Strings that look like (or almost like) Plaid, Stripe and Dwolla tokens and ids. */
export const tokenLike: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('public', 'access', 'processor', 'link', 'btok', 'sk', 'Public', 'access '),
      fc.constantFrom('-', '_', '--', ''),
      fc.constantFrom('sandbox', 'production', 'development', 'test', 'live', 'staging', ''),
      fc.constantFrom('-', '_', ''),
      fc.string({ maxLength: 40 }),
    )
    .map((parts) => parts.join('')),
  fc.uuid().map((id) => id),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** Field names the public functions read, so random objects get past "expected an object" into the field checks. */
const FIELDS = [
  'accessToken',
  'publicToken',
  'processorToken',
  'accountId',
  'accountIds',
  'customer',
  'customerId',
  'bankAccountId',
  'name',
  'email',
  'firstName',
  'lastName',
  'type',
  'amount',
  'currency',
  'mandateId',
  'acceptance',
  'idempotencyKey',
  'metadata',
  'description',
  'signal',
  'institutionId',
  'countryCodes',
  'query',
  'products',
  'initialProducts',
  'webhook',
  'webhookCode',
  'clientName',
  'clientUserId',
  'environment',
  'baseUrl',
  'secretKey',
  'key',
  'secret',
  'clientId',
  'timeoutMs',
  'maxRetries',
  'plaid',
  'stripe',
  'dwolla',
  'logger',
  'fetch',
  'mode',
  'retry',
  'body',
  'headers',
  'method',
  'bankAccountType',
  'removed',
] as const;

/** Objects made of the fields public functions read, with arbitrary, token-like or plausible values. */
export const inputLike: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(anyValue, tokenLike), { maxKeys: 6 }),
  },
  { weight: 1, arbitrary: anyValue },
);
