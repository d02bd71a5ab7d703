import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { tryParsePlaidToken } from '../plaid/plaid-tokens.js';

/** An access token (`access-<env>-<id>`); the message never echoes the value. */
export const accessTokenSchema = lazySchema(() =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be an access token string'),
    })
    .refine((token) => tryParsePlaidToken(token)?.kind === 'access', {
      message: 'must be an access token (access-<environment>-<id>) from exchangePublicToken',
    }),
);
