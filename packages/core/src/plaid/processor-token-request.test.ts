import { describe, expect, it } from 'vitest';
import { ResponseValidationError } from '../errors.js';
import { redactSecrets } from '../redact.js';
import { parseResponse } from '../validate.js';
import type { PlaidClient } from './plaid-client-types.js';
import { requestProcessorToken } from './processor-token-request.js';

/** A Plaid client's `request` that records each call and validates `answer` with the caller's schema. */
function recordingPlaid(answer: unknown) {
  const calls: unknown[][] = [];
  const plaid: Pick<PlaidClient, 'request'> = {
    request: async (path, body, schema, options) => {
      calls.push([path, body, options]);
      return parseResponse(schema, answer, { provider: 'plaid', endpoint: path });
    },
  };
  return { plaid, calls };
}

describe('requestProcessorToken', () => {
  it("posts /processor/token/create with the processor's Plaid name and registers the token as a secret", async () => {
    const token = 'processor-sandbox-0f2a6c1e-1d6b-4a4e-9f3f-request-test';
    const { plaid, calls } = recordingPlaid({ processor_token: token, request_id: 'req-1' });
    const signal = new AbortController().signal;
    await expect(
      requestProcessorToken(plaid, 'acme', { accessToken: 'access-sandbox-1', accountId: 'acc-1', signal }),
    ).resolves.toEqual({ processorToken: token, requestId: 'req-1' });
    expect(calls).toEqual([
      [
        '/processor/token/create',
        { access_token: 'access-sandbox-1', account_id: 'acc-1', processor: 'acme' },
        { signal },
      ],
    ]);
    expect(redactSecrets(`token ${token}`)).not.toContain(token);
  });

  it('refuses an answer without a processor token as a typed error', async () => {
    const { plaid, calls } = recordingPlaid({ processor_token: 'not-a-token', request_id: 'req-1' });
    const error = await requestProcessorToken(plaid, 'acme', {
      accessToken: 'access-sandbox-1',
      accountId: 'acc-1',
    }).catch((caught: unknown) => caught);
    expect(ResponseValidationError.isInstance(error)).toBe(true);
    expect(calls[0]?.[2]).toEqual({});
  });
});
