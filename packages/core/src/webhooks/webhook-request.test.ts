import { describe, expect, it } from 'vitest';
import { webhookRequestSchema } from './webhook-request.js';

describe('webhookRequestSchema (shared by every verify…Webhook(request) entry point)', () => {
  it('accepts a web-platform Request whose body is unread', () => {
    const request = new Request('https://example.test/hooks', { method: 'POST', body: '{}' });
    expect(webhookRequestSchema.safeParse(request).success).toBe(true);
  });

  it('refuses something that is not a Request, naming what it expects', () => {
    const result = webhookRequestSchema.safeParse({ body: '{}' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('expected a web-platform Request');
  });

  it('refuses a Request whose body was already read (the signature covers the raw bytes)', async () => {
    const request = new Request('https://example.test/hooks', { method: 'POST', body: '{"a":1}' });
    await request.json();
    const result = webhookRequestSchema.safeParse(request);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('the body was already read');
  });
});
