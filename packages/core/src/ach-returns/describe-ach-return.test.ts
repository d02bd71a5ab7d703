import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../errors.js';
import { describeAchReturn, listAchReturnCodes } from './describe-ach-return.js';

describe('describeAchReturn', () => {
  it('R01 insufficient funds may be retried later without a new authorization', () => {
    const r01 = describeAchReturn('R01');
    expect(r01).toMatchObject({
      code: 'R01',
      known: true,
      meaning: 'Insufficient Funds',
      category: 'retry_later',
      retryable: true,
      unauthorized: false,
    });
    expect(r01.remediation).toContain('two more times within 180 days');
  });

  it('R02 account closed needs another account and is not retryable', () => {
    expect(describeAchReturn('R02')).toMatchObject({
      meaning: 'Account Closed',
      category: 'relink',
      retryable: false,
    });
  });

  it('R10 unauthorized is never retried automatically and counts as unauthorized', () => {
    expect(describeAchReturn('R10')).toMatchObject({
      category: 'new_authorization_needed',
      retryable: false,
      unauthorized: true,
    });
  });

  it.each([
    ['R03', 'relink'],
    ['R04', 'relink'],
    ['R07', 'new_authorization_needed'],
    ['R08', 'new_authorization_needed'],
    ['R09', 'retry_later'],
    ['R16', 'never_retry'],
    ['R24', 'never_retry'],
    ['R29', 'new_authorization_needed'],
  ] as const)('%s is %s', (code, category) => {
    expect(describeAchReturn(code).category).toBe(category);
  });

  it('normalizes case and surrounding spaces', () => {
    expect(describeAchReturn(' r03 ').code).toBe('R03');
  });

  it('only R01 and R09 are retryable; the unauthorized returns are the Nacha set', () => {
    const codes = listAchReturnCodes();
    expect(codes.filter((code) => describeAchReturn(code).retryable)).toEqual(['R01', 'R09']);
    expect(codes.filter((code) => describeAchReturn(code).unauthorized)).toEqual([
      'R05',
      'R07',
      'R10',
      'R11',
      'R29',
      'R51',
    ]);
  });

  it('covers the Nacha codes from R01 to R85 with a meaning and advice for each', () => {
    const codes = listAchReturnCodes();
    for (let n = 1; n <= 47; n += 1) expect(codes).toContain(`R${String(n).padStart(2, '0')}`);
    expect(codes).toEqual(
      expect.arrayContaining(['R50', 'R51', 'R52', 'R53', 'R61', 'R62', 'R77', 'R80', 'R85']),
    );
    for (const code of codes) {
      const description = describeAchReturn(code);
      expect(description.known).toBe(true);
      expect(description.meaning.length).toBeGreaterThan(5);
      expect(description.remediation.length).toBeGreaterThan(30);
    }
  });

  it('a well-formed code outside the catalog is unknown and never retryable', () => {
    expect(describeAchReturn('R99')).toMatchObject({
      code: 'R99',
      known: false,
      category: 'unknown',
      retryable: false,
    });
    expect(describeAchReturn('R99').remediation).toContain('not in achbridge');
  });

  it.each([['R1'], ['X01'], [''], ['R001']])(
    'rejects %j with an InputValidationError naming code',
    (code) => {
      const error = (() => {
        try {
          describeAchReturn(code);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(InputValidationError.isInstance(error)).toBe(true);
      expect((error as InputValidationError).issues[0]?.path).toBe('code');
    },
  );

  it('rejects a non-string from untyped callers', () => {
    expect(() => describeAchReturn(1 as unknown as string)).toThrow(InputValidationError);
  });
});
