/** The credentials the emulated Modern Treasury accepts (HTTP Basic: organization id and API key). */
export interface ModernTreasuryCredentials {
  /** The organization id, sent as the Basic username. */
  organizationId: string;
  /** The sandbox API key (objects answer `live_mode: false`). */
  apiKey: string;
  /** A production API key (objects answer `live_mode: true`), to exercise environment checks. */
  liveApiKey: string;
}

/** The emulator's Modern Treasury credentials, documented in the package README. */
export const MODERN_TREASURY_CREDENTIALS: Readonly<ModernTreasuryCredentials> = Object.freeze({
  organizationId: '0f7f7c9a-1d3b-4b8e-9a52-8c2f3e8a6b11',
  apiKey: 'test-achbridge-emulator-modern-treasury-key',
  liveApiKey: 'live-achbridge-emulator-modern-treasury-key',
});
