/**
 * Description and explanation of the ACH returns the emulator produces, as Dwolla's transfer `failure`
 * resource words them (Dwolla API reference "Retrieve a transfer failure reason"; Nacha return reasons).
 */
const RETURNS: Readonly<Record<string, { description: string; explanation: string }>> = {
  R01: {
    description: 'Insufficient Funds',
    explanation: 'Available balance is not sufficient to cover the dollar value of the debit entry.',
  },
  R02: {
    description: 'Account Closed',
    explanation: 'A previously active account has been closed by customer or RDFI.',
  },
  R03: {
    description: 'No Account/Unable to Locate Account',
    explanation:
      'The account number does not correspond to the individual identified in the entry or a valid account.',
  },
  R04: {
    description: 'Invalid Account Number Structure',
    explanation: 'The account number structure is not valid.',
  },
  R07: {
    description: 'Authorization Revoked by Customer',
    explanation: 'Consumer who previously authorized entries has revoked authorization with the Originator.',
  },
  R08: {
    description: 'Payment Stopped',
    explanation: 'The Receiver has requested the stop payment of a specific ACH debit entry.',
  },
  R09: {
    description: 'Uncollected Funds',
    explanation:
      'Sufficient balance exists, but the value of uncollected items brings the available balance below the amount of the debit entry.',
  },
  R10: {
    description: 'Customer Advises Not Authorized',
    explanation:
      'The Receiver advises the RDFI that the Originator is not known to the Receiver or is not authorized to debit the account.',
  },
  R16: {
    description: 'Account Frozen',
    explanation:
      'Access to the account is restricted due to specific action taken by the RDFI or by legal action.',
  },
  R20: {
    description: 'Non-Transaction Account',
    explanation: 'Policies or regulations restrict activity to the account indicated.',
  },
  R29: {
    description: 'Corporate Customer Advises Not Authorized',
    explanation:
      'The RDFI has been notified by the business account holder that a specific transaction is unauthorized.',
  },
};

/** The `description` and `explanation` of a return code (generic wording for codes not listed). */
export function describeReturn(code: string): { description: string; explanation: string } {
  return (
    RETURNS[code] ?? {
      description: `ACH return ${code}`,
      explanation: `The receiving bank returned the entry with reason code ${code}.`,
    }
  );
}

const SENTINEL = /^(R\d{2})(-LATE)?$/;

/**
 * Dwolla Sandbox's testing convention: a funding source whose name is an R-code (`R01`) makes transfers
 * from or to it fail with that code when bank transfers are processed; `R01-late` fails after it was
 * first processed. Returns undefined for ordinary names.
 */
export function returnCodeOfName(name: string): { code: string; late: boolean } | undefined {
  const match = SENTINEL.exec(name.trim().toUpperCase());
  if (!match?.[1]) return undefined;
  return { code: match[1], late: match[2] !== undefined };
}
