import { describe, expect, it } from 'vitest';
import { answerFault, type FaultAnswerSpec, faultFieldsFor, faultPageTitle } from './fault-answer.js';

const SPEC: FaultAnswerSpec = {
  json: (status) => ({ headers: { 'content-type': 'application/acme+json' }, body: { code: `E${status}` } }),
  html: (status) => ({ headers: { 'content-type': 'text/html' }, body: `<h1>${status}</h1>` }),
};

describe('answerFault', () => {
  it('answers the provider’s error body with its headers', () => {
    expect(answerFault(503, {}, SPEC)).toEqual({
      status: 503,
      headers: { 'content-type': 'application/acme+json' },
      body: { code: 'E503' },
    });
  });

  it('adds retry-after when the fault sets it, and answers the HTML page when asked', () => {
    expect(answerFault(429, { retryAfterSeconds: 7, html: true }, SPEC)).toEqual({
      status: 429,
      headers: { 'retry-after': '7', 'content-type': 'text/html' },
      body: '<h1>429</h1>',
    });
  });

  it('keeps only retry-after when the error answer brings no headers', () => {
    const bare: FaultAnswerSpec = { ...SPEC, json: () => ({ body: 'x' }) };
    expect(answerFault(500, { retryAfterSeconds: 1 }, bare).headers).toEqual({ 'retry-after': '1' });
    expect(answerFault(500, {}, bare).headers).toEqual({});
  });
});

describe('faultFieldsFor', () => {
  const table = { 404: 'not-found' };
  const fallback = { server: () => 'server', client: () => 'client' };

  it('answers the listed fields, else the server fallback for 5xx and the client one below', () => {
    expect(faultFieldsFor(404, table, fallback)).toBe('not-found');
    expect(faultFieldsFor(502, table, fallback)).toBe('server');
    expect(faultFieldsFor(418, table, fallback)).toBe('client');
  });
});

describe('faultPageTitle', () => {
  it('uses the provider’s reason phrase, else Error', () => {
    expect(faultPageTitle(504, { 504: 'Gateway Time-out' })).toBe('504 Gateway Time-out');
    expect(faultPageTitle(418, { 504: 'Gateway Time-out' })).toBe('418 Error');
  });
});
