import { describe, expect, it } from 'vitest';
import { bankFingerprint, bankNameFor, isValidAccountNumber, isValidRoutingNumber } from './dwolla-bank.js';
import { idFromHref } from './dwolla-links.js';

describe('bank helpers', () => {
  it('fingerprints by routing + account, independent of anything else', () => {
    expect(bankFingerprint('011401533', '1111222233330000')).toBe(
      bankFingerprint('011401533', '1111222233330000'),
    );
    expect(bankFingerprint('011401533', '1111222233330000')).not.toBe(
      bankFingerprint('011401533', '1111222233331111'),
    );
    expect(bankFingerprint('011401533', '1111222233330000')).not.toContain('1111222233330000');
  });

  it('checks ABA routing checksums and account number shape', () => {
    expect(isValidRoutingNumber('011401533')).toBe(true);
    expect(isValidRoutingNumber('222222226')).toBe(true);
    expect(isValidRoutingNumber('123456789')).toBe(false);
    expect(isValidRoutingNumber('01140153')).toBe(false);
    expect(isValidAccountNumber('1234')).toBe(true);
    expect(isValidAccountNumber('123')).toBe(false);
    expect(isValidAccountNumber('12345678901234567')).toBe(true);
    expect(isValidAccountNumber('123456789012345678')).toBe(false);
  });

  it('names sandbox banks SANDBOX TEST BANK and others after the institution', () => {
    expect(bankNameFor('021000021', 'Houndstooth Bank')).toBe('SANDBOX TEST BANK');
    expect(bankNameFor('121000358', 'Tartan Bank')).toBe('TARTAN BANK');
    expect(bankNameFor('121000358')).toBe('SANDBOX TEST BANK');
  });
});

describe('idFromHref', () => {
  it('takes the id after the collection for any host, lower-cased', () => {
    expect(idFromHref('https://api-sandbox.dwolla.com/exchanges/ABC-1', 'exchanges')).toBe('abc-1');
    expect(idFromHref('http://127.0.0.1:1/dwolla/exchanges/x/', 'exchanges')).toBe('x');
    expect(idFromHref('/exchanges/y?z=1', 'exchanges')).toBe('y');
    expect(idFromHref('https://h/customers/x', 'exchanges')).toBeUndefined();
    expect(idFromHref('https://h/exchanges/x/more', 'exchanges')).toBeUndefined();
  });
});
