import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plaidPost, rawRequest } from '../test/emulator.test-helpers.js';
import { type RunningEmulator, startEmulator } from './start-emulator.js';
import { DEFAULT_CREDENTIALS } from './types.js';

describe('emulator server', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ bodyLimitBytes: 2048 });
  });
  afterAll(() => emulator.close());

  it('describes where each provider lives and which credentials it accepts', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(new URL(emulator.url).port);
    expect(port).toBeGreaterThan(0);
    expect(emulator.plaid).toEqual({ baseUrl: `${emulator.url}/plaid`, ...DEFAULT_CREDENTIALS.plaid });
    expect(emulator.stripe).toEqual({
      host: '127.0.0.1',
      port,
      protocol: 'http',
      ...DEFAULT_CREDENTIALS.stripe,
    });
    expect(emulator.dwolla).toEqual({ baseUrl: `${emulator.url}/dwolla`, ...DEFAULT_CREDENTIALS.dwolla });
  });

  it('answers paths outside every provider with a JSON 404 and a request id', async () => {
    const answer = await rawRequest(`${emulator.url}/nowhere?x=1`);
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text)).toEqual({ error: expect.objectContaining({ code: 'not_found' }) });
    expect(answer.headers['x-request-id']).toMatch(/^[A-Za-z0-9]{15}$/);
  });

  it('answers unknown routes inside a provider with that provider’s not-found error', async () => {
    const answer = await plaidPost(emulator, '/transactions/teleport', {});
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error_type: 'INVALID_REQUEST', error_code: 'NOT_FOUND' });
    expect(answer.body['request_id']).toBe(answer.requestIdHeader);
  });

  it('refuses bodies over the limit with the provider’s 413 (declared length and chunked)', async () => {
    const big = JSON.stringify({ institution_id: 'x'.repeat(5000) });
    const declared = await rawRequest(`${emulator.plaid.baseUrl}/item/get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(big)) },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.text)).toMatchObject({
      error_type: 'INVALID_REQUEST',
      error_code: 'INVALID_BODY',
    });
    const chunked = await new Promise<number>((resolve, reject) => {
      const outgoing = httpRequest(
        `${emulator.plaid.baseUrl}/item/get`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
          agent: false,
        },
        (incoming) => {
          incoming.resume();
          resolve(incoming.statusCode ?? 0);
        },
      );
      outgoing.on('error', reject);
      for (let index = 0; index < 5; index += 1) outgoing.write('x'.repeat(1000));
      outgoing.end();
    });
    expect(chunked).toBe(413);
  });

  it('never answers 500 for garbage input', async () => {
    const garbage = [
      Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
      '{"a":',
      '[]',
      'null',
      '"str"',
      '{"access_token":{"$gt":""}}',
    ];
    for (const body of garbage) {
      const answer = await rawRequest(`${emulator.plaid.baseUrl}/item/get`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'plaid-client-id': emulator.plaid.clientId,
          'plaid-secret': emulator.plaid.secret,
        },
        body,
      });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)['error_type']).toBe('INVALID_REQUEST');
    }
  });

  it('keeps connections alive across requests', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const reused: boolean[] = [];
    for (let index = 0; index < 3; index += 1) {
      await new Promise<void>((resolve, reject) => {
        const outgoing = httpRequest(`${emulator.url}/__emulator/health`, { agent }, (incoming) => {
          incoming.resume();
          incoming.on('end', () => resolve());
        });
        reused.push(outgoing.reusedSocket);
        outgoing.on('error', reject);
        outgoing.end();
      });
    }
    agent.destroy();
    expect(reused).toEqual([false, true, true]);
  });
});

describe('emulator lifecycle', () => {
  it('closes promptly even with idle keep-alive sockets open, and close is idempotent', async () => {
    const emulator = await startEmulator();
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      httpRequest(`${emulator.url}/__emulator/health`, { agent }, (incoming) => {
        incoming.resume();
        incoming.on('end', () => resolve());
      })
        .on('error', reject)
        .end();
    });
    await emulator.close();
    await emulator.close();
    await expect(rawRequest(`${emulator.url}/__emulator/health`)).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
  });

  it('rejects when the port is taken', async () => {
    const first = await startEmulator();
    const port = Number(new URL(first.url).port);
    await expect(startEmulator({ port })).rejects.toThrow(/EADDRINUSE/);
    await first.close();
  });

  it('validates its options with a typed error naming the field', async () => {
    await expect(startEmulator({ port: -5 })).rejects.toMatchObject({
      name: 'EmulatorInputError',
      field: 'port',
    });
  });

  it('accepts custom credentials and answers the default ones with the provider’s auth error', async () => {
    const emulator = await startEmulator({
      credentials: { plaid: { clientId: 'mine', secret: 'also-mine' } },
    });
    expect(emulator.plaid.clientId).toBe('mine');
    const wrong = await plaidPost(
      emulator,
      '/item/get',
      { access_token: 'access-sandbox-x' },
      {
        'plaid-client-id': DEFAULT_CREDENTIALS.plaid.clientId,
        'plaid-secret': DEFAULT_CREDENTIALS.plaid.secret,
      },
    );
    expect(wrong.body['error_code']).toBe('INVALID_API_KEYS');
    const right = await plaidPost(emulator, '/item/get', { access_token: 'access-sandbox-x' });
    expect(right.body['error_code']).toBe('INVALID_ACCESS_TOKEN');
    await emulator.close();
  });
});
