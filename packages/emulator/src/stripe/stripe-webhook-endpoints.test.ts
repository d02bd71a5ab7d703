import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';

describe('POST /v1/webhook_endpoints parameters', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  const create = async (body: string): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${emulator.url}/v1/webhook_endpoints`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${emulator.stripe.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('takes enabled_events as `[]` or indexed keys (deduplicated), with description and metadata ignored', async () => {
    const created = await create(
      'url=http%3A%2F%2F127.0.0.1%3A9%2Fh&enabled_events[]=payment_intent.succeeded&enabled_events[]=payment_intent.succeeded&description=d&metadata[k]=v',
    );
    expect(created.status).toBe(200);
    expect(created.body['enabled_events']).toEqual(['payment_intent.succeeded']);
  });

  it('answers parameter_invalid for a bad URL, API version or event type, and parameter_missing for an empty url', async () => {
    const url = 'url=http%3A%2F%2F127.0.0.1%3A9%2Fh';
    expect((await create(`url=ftp%3A%2F%2Fx&enabled_events[0]=*`)).body['error']).toMatchObject({
      code: 'parameter_invalid',
      param: 'url',
      message: 'Invalid URL: URL must be formatted like https://example.com/webhooks.',
    });
    expect((await create(`${url}&enabled_events[0]=*&api_version=someday`)).body['error']).toMatchObject({
      code: 'parameter_invalid',
      param: 'api_version',
      message: 'Invalid API version: someday',
    });
    expect((await create(`${url}&enabled_events[0]=Bad`)).body['error']).toMatchObject({
      code: 'parameter_invalid',
      param: 'enabled_events',
      message: 'Invalid event type: Bad',
    });
    expect((await create('url=&enabled_events[0]=*')).body['error']).toMatchObject({
      code: 'parameter_missing',
      param: 'url',
    });
  });
});
