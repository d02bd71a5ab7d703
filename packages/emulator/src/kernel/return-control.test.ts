import { describe, expect, it } from 'vitest';
import { EmulatorInputError } from '../emulator-errors.js';
import type { EmulatorRequest } from '../types.js';
import { handleReturnControl, type ReturnControlRoute } from './return-control.js';

function request(method: string, path: string, body?: unknown): EmulatorRequest {
  return {
    method,
    path,
    query: new URLSearchParams(),
    headers: {},
    rawBody: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
    origin: 'http://127.0.0.1:1',
  };
}

function acmeRoute(calls: [string, string][]): ReturnControlRoute {
  return {
    pattern: /^\/payments\/([^/]+)\/return$/,
    label: 'Acme control route',
    returnPayment(id, code) {
      calls.push([id, code]);
      if (id === 'bad') throw new EmulatorInputError('id', 'is not returnable');
      return { status: 200, body: { payment: { id, code } } };
    },
  };
}

describe('handleReturnControl', () => {
  it('hands the decoded id and the normalised code to the provider and answers its result', () => {
    const calls: [string, string][] = [];
    const answer = handleReturnControl(
      request('POST', '/payments/p%201/return', { code: ' r01 ' }),
      acmeRoute(calls),
    );
    expect(answer).toEqual({ status: 200, body: { payment: { id: 'p 1', code: 'R01' } } });
    expect(calls).toEqual([['p 1', 'R01']]);
  });

  it('answers 404 naming the provider’s routes for another path or method', () => {
    const calls: [string, string][] = [];
    expect(handleReturnControl(request('GET', '/payments/p1/return'), acmeRoute(calls))).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'No Acme control route GET /payments/p1/return.' } },
    });
    expect(handleReturnControl(request('POST', '/other'), acmeRoute(calls)).status).toBe(404);
    expect(calls).toEqual([]);
  });

  it('answers 400 invalid_input for a missing or malformed code, an unknown key or bad JSON', () => {
    const calls: [string, string][] = [];
    const route = acmeRoute(calls);
    expect(handleReturnControl(request('POST', '/payments/p1/return', {}), route)).toEqual({
      status: 400,
      body: {
        error: {
          code: 'invalid_input',
          message: 'code: must be an ACH return code such as R01',
          field: 'code',
        },
      },
    });
    expect(handleReturnControl(request('POST', '/payments/p1/return', { code: 'X1' }), route).status).toBe(
      400,
    );
    expect(
      handleReturnControl(request('POST', '/payments/p1/return', { code: 'R01', extra: 1 }), route).status,
    ).toBe(400);
    const notJson = { ...request('POST', '/payments/p1/return'), rawBody: Buffer.from('{') };
    expect(handleReturnControl(notJson, route).status).toBe(400);
    expect(calls).toEqual([]);
  });

  it('answers an input error thrown by the provider as 400', () => {
    const answer = handleReturnControl(
      request('POST', '/payments/bad/return', { code: 'R02' }),
      acmeRoute([]),
    );
    expect(answer).toEqual({
      status: 400,
      body: { error: { code: 'invalid_input', message: 'id: is not returnable', field: 'id' } },
    });
  });
});
