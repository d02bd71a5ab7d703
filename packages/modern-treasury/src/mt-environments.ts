/** Modern Treasury's environments: sandbox (sandbox API keys, `live_mode: false`) and production. */
export type ModernTreasuryEnvironment = 'sandbox' | 'production';

/**
 * Modern Treasury's API host. Sandbox and production share it: the API key decides the environment
 * (Modern Treasury "Authentication": "Production or Sandbox API Key"), and every object says which one in
 * `live_mode`.
 */
export const MODERN_TREASURY_API_URL = 'https://app.moderntreasury.com';

/** The `live_mode` value objects of an environment carry. */
export function liveModeOf(environment: ModernTreasuryEnvironment): boolean {
  return environment === 'production';
}
