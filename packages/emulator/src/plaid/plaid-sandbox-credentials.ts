import { plaidError, SANDBOX_CREDENTIAL_ERROR_CODES } from './plaid-errors.js';

/** What a Sandbox username/password pair produces when it succeeds. */
export interface SandboxLogin {
  /** `microdeposits_good`: an automated micro-deposit Item (one pending checking account). */
  microDeposits: boolean;
}

const MFA_PASSWORD = /^mfa_(device|questions_\d+_\d+|selections(_\d+_\d+_\d+)?)$/;
const ERROR_PASSWORD = /^error_([A-Z_]+)$/;

/**
 * Applies Plaid Sandbox's test credentials: `user_good` / `pass_good` (MFA passwords also pass: MFA is
 * answered inside Link), `microdeposits_good`, and `error_<CODE>` which fails with that Plaid error.
 */
export function applySandboxCredentials(username: string, password: string): SandboxLogin {
  if (username === 'user_transactions_dynamic') return { microDeposits: false };
  const forced = ERROR_PASSWORD.exec(password);
  if (forced) {
    const code = forced[1] as string;
    if (!SANDBOX_CREDENTIAL_ERROR_CODES.includes(code)) {
      throw plaidError(
        'INVALID_FIELD',
        `override_password error_${code} does not name a Sandbox error; supported: ${SANDBOX_CREDENTIAL_ERROR_CODES.join(', ')}`,
      );
    }
    throw plaidError(code);
  }
  if (username !== 'user_good') throw plaidError('INVALID_CREDENTIALS');
  if (password === 'pass_good' || MFA_PASSWORD.test(password)) return { microDeposits: false };
  if (password === 'microdeposits_good') return { microDeposits: true };
  throw plaidError('INVALID_CREDENTIALS');
}
