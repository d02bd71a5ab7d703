import { z } from 'zod';

/** The JSON line `achbridge-emulator` prints on start: its URLs and the credentials it accepts. */
export const emulatorInfoSchema = z.object({
  url: z.url(),
  plaid: z.object({ baseUrl: z.url(), clientId: z.string().min(1), secret: z.string().min(1) }),
  stripe: z.object({
    host: z.string().min(1),
    port: z.number().int().positive(),
    protocol: z.literal('http'),
    secretKey: z.string().startsWith('sk_test_'),
  }),
  dwolla: z.object({ baseUrl: z.url(), key: z.string().min(1), secret: z.string().min(1) }),
  modernTreasury: z.object({
    baseUrl: z.url(),
    organizationId: z.string().min(1),
    apiKey: z.string().min(1),
  }),
});

/** Where the emulator listens and what credentials it takes. */
export type EmulatorInfo = z.output<typeof emulatorInfoSchema>;
