import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, registerSecret } from './redact.js';
import { lazySetting } from './settings.js';

/** What a busy process registers: a bearer token or other opaque secret per request. */
function registerOpaqueSecrets(count: number, tag: string): void {
  for (let index = 0; index < count; index++) registerSecret(`opaque-${tag}-${index}-abcdefghijklmnop`);
}

describe('the redaction registry in a long-running process', () => {
  it('keeps a credential that is still in use after thousands of later registrations', () => {
    const secret = lazySetting({
      value: 'RetentionPlaidSecret-0001',
      environmentVariable: 'UNUSED_RETENTION_SECRET',
      optionName: 'secret',
      description: 'test secret',
      secret: true,
    });
    secret();
    registerOpaqueSecrets(2500, 'a');
    secret(); // the client reads its credential on every request
    registerOpaqueSecrets(1500, 'b');
    expect(redactSecrets('echo RetentionPlaidSecret-0001')).toBe(`echo ${REDACTED}`);
  });

  it('does not spend registry room on token-shaped values the patterns already redact', () => {
    registerSecret('RetentionDwollaSecret-0002');
    for (let index = 0; index < 5000; index++) {
      registerSecret(`btok_${index}abcdefghij`);
      registerSecret(`processor-sandbox-${index}-aaaa-bbbb`);
    }
    expect(redactSecrets('RetentionDwollaSecret-0002')).toBe(REDACTED);
    expect(redactSecrets('btok_77abcdefghij processor-sandbox-9-aaaa-bbbb')).toBe(`${REDACTED} ${REDACTED}`);
  });

  it('still forgets the least recently used opaque secret once the registry is full', () => {
    registerSecret('RetentionForgotten-0003');
    registerOpaqueSecrets(2500, 'c');
    expect(redactSecrets('RetentionForgotten-0003')).toBe('RetentionForgotten-0003');
  });
});
