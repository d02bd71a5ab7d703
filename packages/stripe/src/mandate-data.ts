import type Stripe from 'stripe';

/** How the customer accepted the ACH debit mandate. */
export type MandateAcceptance =
  | {
      type: 'online';
      /** The customer's IP address when they accepted. */
      ipAddress: string;
      /** The customer's browser user agent when they accepted. */
      userAgent: string;
      /** When they accepted (default: now). */
      acceptedAt?: Date | number | undefined;
    }
  | { type: 'offline'; acceptedAt?: Date | number | undefined };

/** Parsed acceptance (acceptedAt in unix seconds). */
export type ParsedAcceptance =
  | { type: 'online'; ipAddress: string; userAgent: string; acceptedAt?: number | undefined }
  | { type: 'offline'; acceptedAt?: number | undefined };

/** Builds Stripe's `mandate_data` from a parsed acceptance. */
export function toMandateData(acceptance: ParsedAcceptance): Stripe.SetupIntentCreateParams.MandateData {
  const acceptedAt = acceptance.acceptedAt === undefined ? {} : { accepted_at: acceptance.acceptedAt };
  if (acceptance.type === 'online') {
    return {
      customer_acceptance: {
        type: 'online',
        online: { ip_address: acceptance.ipAddress, user_agent: acceptance.userAgent },
        ...acceptedAt,
      },
    };
  }
  return { customer_acceptance: { type: 'offline', offline: {}, ...acceptedAt } };
}
