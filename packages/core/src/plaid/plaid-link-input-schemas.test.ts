import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  linkTokenFields,
  plaidAccessTokenSchema,
  plaidAccountIdSchema,
  plaidProcessorTokenSchema,
  plaidPublicTokenSchema,
  processorTokenInputSchema,
  withExactlyOneLinkToken,
} from './plaid-link-input-schemas.js';

const PUBLIC_TOKEN = 'public-sandbox-5c224a01-8314-4491-a06f-39e193d5cddc';
const ACCESS_TOKEN = 'access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6';

describe('Plaid link input schemas', () => {
  it('take each Plaid token kind only in its own field, naming the expected shape', () => {
    expect(plaidPublicTokenSchema().safeParse(PUBLIC_TOKEN).success).toBe(true);
    expect(plaidAccessTokenSchema().safeParse(ACCESS_TOKEN).success).toBe(true);
    expect(plaidProcessorTokenSchema().safeParse('processor-production-abc-1').success).toBe(true);
    expect(plaidAccessTokenSchema().safeParse(PUBLIC_TOKEN).error?.issues[0]?.message).toBe(
      'expected a Plaid access token (access-<environment>-<id>)',
    );
    expect(plaidPublicTokenSchema().safeParse(ACCESS_TOKEN).error?.issues[0]?.message).toBe(
      'expected a Plaid public token (public-<environment>-<id>)',
    );
    expect(plaidProcessorTokenSchema().safeParse('processor-staging-abc').error?.issues[0]?.message).toBe(
      'expected a Plaid processor token (processor-<environment>-<id>)',
    );
    expect(plaidAccountIdSchema().parse('  acc-1 ')).toBe('acc-1');
    expect(plaidAccountIdSchema().safeParse(' ').error?.issues[0]?.message).toBe('must not be empty');
  });

  it('refuse a token longer than any Plaid issues before matching its pattern', () => {
    for (const [schema, prefix] of [
      [plaidPublicTokenSchema(), 'public'],
      [plaidAccessTokenSchema(), 'access'],
      [plaidProcessorTokenSchema(), 'processor'],
    ] as const) {
      const long = `${prefix}-sandbox-${'a'.repeat(2000)}`;
      expect(schema.safeParse(long).error?.issues[0]?.message).toBe('must be at most 2000 characters');
      expect(schema.safeParse(`${prefix}-sandbox-${'a'.repeat(100)}`).success).toBe(true);
    }
  });

  it('validate createProcessorToken input', () => {
    expect(processorTokenInputSchema().parse({ accessToken: ACCESS_TOKEN, accountId: 'acc-1' })).toEqual({
      accessToken: ACCESS_TOKEN,
      accountId: 'acc-1',
    });
    expect(processorTokenInputSchema().safeParse({ accountId: 'acc-1' }).success).toBe(false);
  });

  it('build a link input that takes exactly one of publicToken and accessToken', () => {
    const schema = withExactlyOneLinkToken(z.object({ ...linkTokenFields(), customer: z.string() }));
    expect(schema.parse({ publicToken: PUBLIC_TOKEN, accountId: 'acc-1', customer: 'c' })).toEqual({
      publicToken: PUBLIC_TOKEN,
      accountId: 'acc-1',
      customer: 'c',
    });
    expect(schema.safeParse({ accessToken: ACCESS_TOKEN, accountId: 'acc-1', customer: 'c' }).success).toBe(
      true,
    );
    for (const input of [
      { accountId: 'acc-1', customer: 'c' },
      { publicToken: PUBLIC_TOKEN, accessToken: ACCESS_TOKEN, accountId: 'acc-1', customer: 'c' },
    ]) {
      expect(schema.safeParse(input).error?.issues).toEqual([
        expect.objectContaining({
          path: ['publicToken'],
          message: 'pass exactly one of `publicToken` or `accessToken`',
        }),
      ]);
    }
  });
});
