import { describe, expect, it } from 'vitest';
import { checkFields } from '../kernel/field-spec.js';
import type { BodySpec } from '../kernel/field-spec-types.js';
import { dwollaFieldErrors, dwollaText, fieldLabel } from './dwolla-field-errors.js';

const SPEC: BodySpec = {
  unknown: 'allow',
  fields: {
    firstName: dwollaText({ required: true, maxLength: 5, pattern: /^[a-z]+$/i, code: 'Invalid' }),
    email: dwollaText({ required: true, pattern: /@/ }),
    ipAddress: dwollaText({
      rules: [{ test: (value) => value.includes('.'), expected: 'an IP', code: 'InvalidFormat' }],
    }),
    dateOfBirth: dwollaText({
      rules: [{ test: () => false, expected: 'an age', message: 'DateOfBirth too young.' }],
    }),
    paused: { type: 'boolean', rejectNull: true, message: 'Paused must be true or false.' },
    _links: {
      type: 'object',
      unknown: 'allow',
      fields: {
        exchange: {
          type: 'object',
          unknown: 'allow',
          fields: { href: dwollaText({ required: true, label: 'Exchange' }) },
        },
      },
    },
  },
};

describe('dwollaFieldErrors', () => {
  it('capitalises keys the way Dwolla names fields', () => {
    expect(fieldLabel('firstName')).toBe('FirstName');
  });

  it('reports missing and blank fields as Required, in spec order, with JSON pointers', () => {
    expect(dwollaFieldErrors(checkFields({ firstName: '   ' }, SPEC))).toEqual([
      { code: 'Required', message: 'FirstName required.', path: '/firstName', _links: {} },
      { code: 'Required', message: 'Email required.', path: '/email', _links: {} },
    ]);
  });

  it('words wrong types, lengths, patterns and rules as Dwolla does', () => {
    const errors = dwollaFieldErrors(
      checkFields(
        { firstName: 'abcdef', email: 7, ipAddress: 'nope', dateOfBirth: '2020-01-01', paused: null },
        SPEC,
      ),
    );
    expect(errors.map(({ code, message, path }) => ({ code, message, path }))).toEqual([
      { code: 'Invalid', message: 'FirstName must be 5 characters or less.', path: '/firstName' },
      { code: 'Invalid', message: 'Email invalid.', path: '/email' },
      { code: 'InvalidFormat', message: 'IpAddress invalid.', path: '/ipAddress' },
      { code: 'Invalid', message: 'DateOfBirth too young.', path: '/dateOfBirth' },
      { code: 'Invalid', message: 'Paused must be true or false.', path: '/paused' },
    ]);
    const patterns = dwollaFieldErrors(checkFields({ firstName: 'a1', email: 'no-at' }, SPEC));
    expect(patterns.map(({ code, path }) => [code, path])).toEqual([
      ['Invalid', '/firstName'],
      ['InvalidFormat', '/email'],
    ]);
  });

  it('names nested fields by label and JSON pointer', () => {
    const errors = dwollaFieldErrors(
      checkFields({ firstName: 'a', email: 'a@b', _links: { exchange: {} } }, SPEC),
    );
    expect(errors).toEqual([
      { code: 'Required', message: 'Exchange required.', path: '/_links/exchange/href', _links: {} },
    ]);
  });
});
