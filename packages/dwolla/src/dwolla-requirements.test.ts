import { evaluateAuthSupport, type PlaidInstitution } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import { dwollaRequirements } from './dwolla-requirements.js';

const institution = (products: string[], countryCodes: string[]): PlaidInstitution => ({
  institutionId: 'ins_1',
  name: 'Bank',
  products,
  countryCodes,
  routingNumbers: [],
  oauth: false,
});

describe('dwollaRequirements', () => {
  it('gives the same verdicts as the rules core used to hold, plus the debitable subtypes', () => {
    for (const [products, countries, requested] of [
      [['auth'], ['US'], ['US']],
      [['balance'], ['US'], ['US']],
      [['auth'], ['CA'], ['CA']],
      [['auth'], ['US'], ['CA']],
    ] as const) {
      const bank = institution([...products], [...countries]);
      const legacy = evaluateAuthSupport(bank, requested).processors.dwolla;
      const declared = evaluateAuthSupport(bank, requested, [dwollaRequirements]).processors.dwolla;
      expect(declared).toEqual({ ...legacy, accountSubtypes: ['checking', 'savings'] });
    }
  });

  it('is frozen, so no caller can loosen the rules for everyone', () => {
    expect(Object.isFrozen(dwollaRequirements)).toBe(true);
    expect(Object.isFrozen(dwollaRequirements.products)).toBe(true);
  });
});
