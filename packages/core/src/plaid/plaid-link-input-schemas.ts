import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import type { LinkTokenInput } from '../link-access-token.js';

const TOKEN_BODY = '(?:sandbox|development|production)-[A-Za-z0-9][A-Za-z0-9-]*';

/** Plaid's tokens are well under 100 characters; anything past this bound is refused before the pattern runs. */
const MAX_TOKEN_LENGTH = 2000;

/** A Plaid processor token in an adapter's input: `processor-<environment>-<id>`. */
export const plaidProcessorTokenSchema = lazySchema(() =>
  z
    .string()
    .max(MAX_TOKEN_LENGTH, `must be at most ${MAX_TOKEN_LENGTH} characters`)
    .regex(
      new RegExp(`^processor-${TOKEN_BODY}$`),
      'expected a Plaid processor token (processor-<environment>-<id>)',
    ),
);

/** A Plaid access token in an adapter's input: `access-<environment>-<id>`. */
export const plaidAccessTokenSchema = lazySchema(() =>
  z
    .string()
    .max(MAX_TOKEN_LENGTH, `must be at most ${MAX_TOKEN_LENGTH} characters`)
    .regex(new RegExp(`^access-${TOKEN_BODY}$`), 'expected a Plaid access token (access-<environment>-<id>)'),
);

/** A Plaid public token in an adapter's input: `public-<environment>-<id>`. */
export const plaidPublicTokenSchema = lazySchema(() =>
  z
    .string()
    .max(MAX_TOKEN_LENGTH, `must be at most ${MAX_TOKEN_LENGTH} characters`)
    .regex(new RegExp(`^public-${TOKEN_BODY}$`), 'expected a Plaid public token (public-<environment>-<id>)'),
);

/** A Plaid account id in an adapter's input. */
export const plaidAccountIdSchema = lazySchema(() => z.string().trim().min(1, 'must not be empty').max(200));

/** Input of an adapter's `createProcessorToken`: the Item's access token and the account. */
export const processorTokenInputSchema = lazySchema(() =>
  z.object({
    accessToken: plaidAccessTokenSchema(),
    accountId: plaidAccountIdSchema(),
  }),
);

/** The Plaid fields of an adapter's `link` input (spread first into its object schema): a public or access token and the account. */
export function linkTokenFields() {
  return {
    publicToken: plaidPublicTokenSchema().optional(),
    accessToken: plaidAccessTokenSchema().optional(),
    accountId: plaidAccountIdSchema(),
  };
}

/** Refines a `link` input schema built on `linkTokenFields`: exactly one of `publicToken` and `accessToken`. */
export function withExactlyOneLinkToken<S extends z.ZodType<LinkTokenInput>>(schema: S): S {
  return schema.refine((input) => (input.publicToken === undefined) !== (input.accessToken === undefined), {
    path: ['publicToken'],
    message: 'pass exactly one of `publicToken` or `accessToken`',
  }) as S;
}
