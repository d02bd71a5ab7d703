import { describe, expect, it } from 'vitest';
import { maskToken } from './mask-token.js';

describe('maskToken', () => {
  it('keeps only the last four characters behind an ellipsis', () => {
    const token = 'btok_1AbCdEfGhIjKlMnOpQrStUvW';
    expect(maskToken(token)).toBe('…tUvW');
    expect(maskToken(token)).not.toContain('btok_');
  });

  it('shows a token of four characters or fewer as it is, after the ellipsis', () => {
    expect(maskToken('abc')).toBe('…abc');
  });
});
