import { describe, expect, it } from 'vitest';
import { isLoopbackHost, resolveWebhookTarget } from './webhook-url.js';

describe('webhook targets', () => {
  it('accepts http(s) URLs on loopback hosts only', () => {
    for (const url of [
      'http://127.0.0.1:4000/hook',
      'https://localhost/hook',
      'http://api.localhost:8080/',
      'http://[::1]:9000/x',
      'http://127.8.9.10/',
    ]) {
      expect(resolveWebhookTarget(url), url).toMatchObject({ ok: true });
    }
  });

  it('refuses other hosts, protocols and non-URLs with a reason (the emulator never leaves the machine)', () => {
    expect(resolveWebhookTarget('https://example.com/hook')).toEqual({
      ok: false,
      reason: expect.stringMatching(/example\.com is not a loopback host/),
    });
    expect(resolveWebhookTarget('ftp://127.0.0.1/hook')).toEqual({
      ok: false,
      reason: 'unsupported protocol ftp:',
    });
    expect(resolveWebhookTarget('not a url')).toEqual({ ok: false, reason: 'not a valid URL' });
    expect(isLoopbackHost('10.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
  });
});
