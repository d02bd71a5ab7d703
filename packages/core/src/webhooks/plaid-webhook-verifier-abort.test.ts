import { describe, expect, it } from 'vitest';
import { NetworkError } from '../errors.js';
import type { FetchFunction } from '../http.js';
import { createPlaidClient } from '../plaid/create-plaid-client.js';
import { createTestWebhookSigner } from '../testing/webhook-signer.js';
import { createPlaidWebhookVerifier } from './plaid-webhook-verifier.js';

/** A Plaid client whose key fetches go to `fetch`, counting them. */
function clientWith(fetch: FetchFunction) {
  let calls = 0;
  const plaid = createPlaidClient({
    clientId: 'abort-client',
    secret: 'abort-secret-000000',
    maxRetries: 0,
    fetch: (input, init) => {
      calls += 1;
      return fetch(input, init);
    },
  });
  return { plaid, calls: () => calls };
}

/** A fetch that never answers, rejecting only when its request is aborted. */
const hanging: FetchFunction = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });

describe('PlaidWebhookVerifier.verify with an AbortSignal', () => {
  it('stops waiting for the key fetch at once when the signal aborts', async () => {
    const signer = createTestWebhookSigner();
    const { plaid, calls } = clientWith(hanging);
    const verifier = createPlaidWebhookVerifier({ plaid });
    const controller = new AbortController();
    const pending = verifier.verify(signer.sign({ webhook_type: 'ITEM', webhook_code: 'ERROR' }), {
      signal: controller.signal,
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls()).toBe(1);
    controller.abort();
    const error = await pending.catch((reason: unknown) => reason);
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'aborted', isRetryable: false });
  });

  it('sends nothing for an already aborted signal', async () => {
    const signer = createTestWebhookSigner();
    const { plaid, calls } = clientWith(signer.fetch);
    const verifier = createPlaidWebhookVerifier({ plaid });
    const error = await verifier
      .verify(signer.sign({ webhook_type: 'ITEM', webhook_code: 'ERROR' }), { signal: AbortSignal.abort() })
      .catch((reason: unknown) => reason);
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'aborted' });
    expect(calls()).toBe(0);
  });

  it('verifies normally with a live signal and caches the key it fetched', async () => {
    const signer = createTestWebhookSigner();
    const { plaid, calls } = clientWith(signer.fetch);
    const verifier = createPlaidWebhookVerifier({ plaid });
    const { signal } = new AbortController();
    const delivery = signer.sign({ webhook_type: 'ITEM', webhook_code: 'ERROR', item_id: 'item-1' });
    await expect(verifier.verify(delivery, { signal })).resolves.toMatchObject({ kind: expect.any(String) });
    await verifier.verify(delivery, { signal });
    expect(calls()).toBe(1);
  });

  it('rejects options that are not { signal }', async () => {
    const signer = createTestWebhookSigner();
    const verifier = createPlaidWebhookVerifier({ plaid: clientWith(signer.fetch).plaid });
    const delivery = signer.sign({ webhook_type: 'ITEM', webhook_code: 'ERROR' });
    await expect(
      verifier.verify(delivery, { signal: 'soon' } as unknown as { signal: AbortSignal }),
    ).rejects.toMatchObject({ name: 'InputValidationError', field: 'signal' });
  });
});
