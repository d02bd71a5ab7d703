import { describe, expect, it } from 'vitest';
import type { EmulatorRequest } from '../types.js';
import { controlAllowedHosts, guardControlRequest } from './control-guard.js';

const hosts = controlAllowedHosts('127.0.0.1');

function request(method: string, headers: Record<string, string>): EmulatorRequest {
  return {
    method,
    path: '/__emulator/reset',
    query: new URLSearchParams(),
    headers,
    rawBody: Buffer.alloc(0),
    origin: 'http://127.0.0.1:4010',
  };
}

describe('guardControlRequest', () => {
  it('lets loopback clients without an Origin through (curl, SDKs, the control client)', () => {
    for (const host of ['127.0.0.1:4010', 'localhost:4010', '[::1]:4010', 'LOCALHOST']) {
      expect(guardControlRequest(request('GET', { host }), hosts)).toBeUndefined();
      expect(
        guardControlRequest(request('POST', { host, 'content-type': 'application/json' }), hosts),
      ).toBeUndefined();
    }
    expect(
      guardControlRequest(
        request('POST', {
          host: '127.0.0.1:4010',
          origin: 'http://127.0.0.1:4010',
          'sec-fetch-site': 'same-origin',
          'content-type': 'application/json; charset=utf-8',
        }),
        hosts,
      ),
    ).toBeUndefined();
  });

  it('refuses a Host outside the allow-list with 421 (DNS rebinding), for reads too', () => {
    for (const host of ['attacker.example:4010', '127.0.0.1.attacker.example', '']) {
      expect(guardControlRequest(request('GET', { host }), hosts)).toMatchObject({
        status: 421,
        body: { error: { code: 'host_not_allowed' } },
      });
    }
    expect(guardControlRequest(request('GET', {}), hosts)?.status).toBe(421);
    expect(
      guardControlRequest(request('GET', { host: 'emu.internal:4010' }), controlAllowedHosts('emu.internal')),
    ).toBeUndefined();
  });

  it('refuses cross-site state changes with 403 and non-JSON POSTs with 415 (CSRF)', () => {
    const host = '127.0.0.1:4010';
    expect(
      guardControlRequest(
        request('POST', { host, origin: 'https://attacker.example', 'content-type': 'application/json' }),
        hosts,
      ),
    ).toMatchObject({ status: 403, body: { error: { code: 'cross_origin' } } });
    expect(
      guardControlRequest(
        request('POST', { host, origin: 'null', 'content-type': 'application/json' }),
        hosts,
      )?.status,
    ).toBe(403);
    expect(
      guardControlRequest(request('DELETE', { host, 'sec-fetch-site': 'cross-site' }), hosts),
    ).toMatchObject({ status: 403, body: { error: { code: 'cross_site' } } });
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      '',
    ]) {
      expect(
        guardControlRequest(request('POST', { host, 'content-type': contentType }), hosts),
      ).toMatchObject({
        status: 415,
      });
    }
  });
});
