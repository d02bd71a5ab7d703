import { isIP } from 'node:net';
import type { DwollaEmbeddedError } from './dwolla-errors.js';
import { createFieldReader } from './dwolla-fields.js';
import type { DwollaCustomerType } from './dwolla-state.js';

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
  address?:
    | { address1: string; address2?: string | undefined; city: string; state: string; postalCode: string }
    | undefined;
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

/**
 * Validates a create-customer body for the unverified, receive-only and verified personal types, with
 * Dwolla's rules (names <= 50 chars without `<>="\`!?%~${}\]`, correlationId <= 255 of `[a-z0-9-._]`,
 * 2-letter state, 5-digit or ZIP+4 postal code, date of birth for age 18-125, SSN of 4 or 9 digits).
 */
export function readCustomerInput(body: Record<string, unknown>, now: number): DwollaCustomerInputResult {
  const fields = createFieldReader(body);
  let type: DwollaCustomerType = 'unverified';
  const rawType = body['type'];
  if (rawType !== undefined && rawType !== null) {
    if (typeof rawType === 'string' && CUSTOMER_TYPES.includes(rawType.toLowerCase())) {
      type = rawType.toLowerCase() as DwollaCustomerType;
    } else {
      fields.add('Invalid', 'Type invalid.', '/type');
    }
  }
  const firstName = fields.required('firstName', { maxLength: 50, pattern: NAME_PATTERN, code: 'Invalid' });
  const lastName = fields.required('lastName', { maxLength: 50, pattern: NAME_PATTERN, code: 'Invalid' });
  const email = fields.required('email', { maxLength: 254, pattern: EMAIL_PATTERN });
  const businessName = fields.optional('businessName', { maxLength: 255 });
  const correlationId = fields.optional('correlationId', { maxLength: 255, pattern: /^[a-z0-9\-._]+$/i });
  const ipAddress = fields.optional('ipAddress', { maxLength: 45 });
  if (ipAddress !== undefined && isIP(ipAddress) === 0)
    fields.add('InvalidFormat', 'IpAddress invalid.', '/ipAddress');
  const phone = fields.optional('phone', { pattern: /^\d{10}$/ });

  let address: DwollaCustomerInput['address'];
  if (type === 'personal') {
    const address1 = fields.required('address1', { maxLength: 50 });
    const address2 = fields.optional('address2', { maxLength: 50 });
    const city = fields.required('city', { maxLength: 50 });
    const state = fields.required('state', { pattern: /^[A-Za-z]{2}$/ });
    if (state !== undefined && !US_STATES.has(state.toUpperCase()))
      fields.add('Invalid', 'State invalid.', '/state');
    const postalCode = fields.required('postalCode', { pattern: /^\d{5}(-\d{4})?$/ });
    const dateOfBirth = fields.required('dateOfBirth', { pattern: /^\d{4}-\d{2}-\d{2}$/ });
    if (dateOfBirth !== undefined) {
      const age = ageOn(dateOfBirth, now);
      if (age === undefined) fields.add('InvalidFormat', 'DateOfBirth invalid.', '/dateOfBirth');
      else if (age < 18 || age > 125) {
        fields.add('Invalid', 'DateOfBirth must be between 18 and 125 years ago.', '/dateOfBirth');
      }
    }
    fields.required('ssn', { pattern: /^(\d{4}|\d{9})$/ });
    if (address1 !== undefined && city !== undefined && state !== undefined && postalCode !== undefined) {
      address = { address1, address2, city, state: state.toUpperCase(), postalCode };
    }
  }

  if (fields.errors.length > 0 || firstName === undefined || lastName === undefined || email === undefined) {
    return { ok: false, errors: fields.errors };
  }
  return {
    ok: true,
    input: { type, firstName, lastName, email, businessName, correlationId, ipAddress, phone, address },
  };
}
