import { isIP } from 'node:net';
import { checkBody } from '../kernel/field-spec-read.js';
import type { FieldSpecs } from '../kernel/field-spec-types.js';
import type { DwollaEmbeddedError } from './dwolla-errors.js';
import { dwollaFieldErrors, dwollaText } from './dwolla-field-errors.js';
import type { DwollaAddress, DwollaCustomerType } from './dwolla-state.js';

/** A validated `POST /customers` body (SSN and date of birth are checked but not returned). */
export interface DwollaCustomerInput {
  type: DwollaCustomerType;
  firstName: string;
  lastName: string;
  email: string;
  businessName?: string | undefined;
  correlationId?: string | undefined;
  ipAddress?: string | undefined;
  phone?: string | undefined;
  address?: DwollaAddress | undefined;
}

/** The result of reading a customer body: the input, or the embedded errors. */
export type DwollaCustomerInputResult =
  | { ok: true; input: DwollaCustomerInput }
  | { ok: false; errors: DwollaEmbeddedError[] };

const CUSTOMER_TYPES: readonly string[] = ['unverified', 'receive-only', 'personal'];
/** Characters Dwolla rejects in names: < > = " ` ! ? % ~ $ { } \ ] */
const NAME_PATTERN = /^[^<>="`!?%~${}\\\]]*$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const US_STATES = new Set(
  (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND ' +
    'OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI AA AE AP'
  ).split(' '),
);

function ageOn(dateOfBirth: string, now: number): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (birth.getUTCFullYear() !== year || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) {
    return undefined;
  }
  const today = new Date(now);
  let age = today.getUTCFullYear() - year;
  const beforeBirthday =
    today.getUTCMonth() < month - 1 || (today.getUTCMonth() === month - 1 && today.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

const BASE_FIELDS: FieldSpecs = {
  type: { type: 'string', pattern: /^(unverified|receive-only|personal)$/i, code: 'Invalid' },
  firstName: dwollaText({ required: true, maxLength: 50, pattern: NAME_PATTERN, code: 'Invalid' }),
  lastName: dwollaText({ required: true, maxLength: 50, pattern: NAME_PATTERN, code: 'Invalid' }),
  email: dwollaText({ required: true, maxLength: 254, pattern: EMAIL_PATTERN }),
  businessName: dwollaText({ maxLength: 255 }),
  correlationId: dwollaText({ maxLength: 255, pattern: /^[a-z0-9\-._]+$/i }),
  ipAddress: dwollaText({
    maxLength: 45,
    rules: [{ test: (value) => isIP(value) !== 0, expected: 'an IP address', code: 'InvalidFormat' }],
  }),
  phone: dwollaText({ pattern: /^\d{10}$/ }),
};

/** The verified personal customer's extra fields; the age rule reads the emulated clock. */
function personalFields(now: number): FieldSpecs {
  return {
    address1: dwollaText({ required: true, maxLength: 50 }),
    address2: dwollaText({ maxLength: 50 }),
    city: dwollaText({ required: true, maxLength: 50 }),
    state: dwollaText({
      required: true,
      pattern: /^[A-Za-z]{2}$/,
      rules: [
        { test: (value) => US_STATES.has(value.toUpperCase()), expected: 'a US state', code: 'Invalid' },
      ],
    }),
    postalCode: dwollaText({ required: true, pattern: /^\d{5}(-\d{4})?$/ }),
    dateOfBirth: dwollaText({
      required: true,
      pattern: /^\d{4}-\d{2}-\d{2}$/,
      rules: [
        {
          test: (value) => ageOn(value, now) !== undefined,
          expected: 'a calendar date',
          code: 'InvalidFormat',
        },
        {
          test: (value) => {
            const age = ageOn(value, now) ?? 0;
            return age >= 18 && age <= 125;
          },
          expected: 'an age of 18 to 125',
          message: 'DateOfBirth must be between 18 and 125 years ago.',
        },
      ],
    }),
    ssn: dwollaText({ required: true, pattern: /^(\d{4}|\d{9})$/ }),
  };
}

/**
 * Validates a create-customer body for the unverified, receive-only and verified personal types, with
 * Dwolla's rules (names <= 50 chars without `<>="\`!?%~${}\]`, correlationId <= 255 of `[a-z0-9-._]`,
 * 2-letter state, 5-digit or ZIP+4 postal code, date of birth for age 18-125, SSN of 4 or 9 digits).
 */
export function readCustomerInput(body: Record<string, unknown>, now: number): DwollaCustomerInputResult {
  const rawType = body['type'];
  const type = (
    typeof rawType === 'string' && CUSTOMER_TYPES.includes(rawType.toLowerCase())
      ? rawType.toLowerCase()
      : 'unverified'
  ) as DwollaCustomerType;
  const fields = type === 'personal' ? { ...BASE_FIELDS, ...personalFields(now) } : BASE_FIELDS;
  const checked = checkBody(body, { fields, unknown: 'allow' });
  const read = (key: string): string => checked.string(key) ?? '';
  if (checked.violations.length > 0) return { ok: false, errors: dwollaFieldErrors(checked.violations) };
  const address =
    type === 'personal'
      ? {
          address1: read('address1'),
          address2: checked.string('address2'),
          city: read('city'),
          state: read('state').toUpperCase(),
          postalCode: read('postalCode'),
        }
      : undefined;
  return {
    ok: true,
    input: {
      type,
      firstName: read('firstName'),
      lastName: read('lastName'),
      email: read('email'),
      businessName: checked.string('businessName'),
      correlationId: checked.string('correlationId'),
      ipAddress: checked.string('ipAddress'),
      phone: checked.string('phone'),
      address,
    },
  };
}
