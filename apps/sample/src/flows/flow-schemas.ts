import { z } from 'zod';

/** A run id chosen by the caller (the page uses it to match progress events). */
export const runIdSchema = z
  .string({ error: 'is required (any id, e.g. a UUID, to match progress events)' })
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'may only contain letters, digits, . _ : -');

/** An account from Link's onSuccess metadata. */
export const linkAccountSchema = z.object({
  id: z.string().trim().min(1, 'must be a Plaid account_id'),
  name: z.string().max(200),
  mask: z.string().max(10).nullable(),
  type: z.string().max(50),
  subtype: z.string().max(50).nullable(),
});

const publicTokenSchema = z
  .string()
  .regex(/^public-(sandbox|production)-[A-Za-z0-9-]+$/, 'must be a Plaid public token (public-sandbox-...)');
const institutionSchema = z.object({
  id: z.string().trim().min(1, 'must be a Plaid institution_id'),
  name: z.string().trim().min(1).max(200),
});

/**
 * Where a flow gets its Item: a fresh Link public token with Link's institution and accounts (exchanged by
 * the flow), or `itemId` of an Item exchanged earlier.
 */
export const linkSourceSchema = z
  .object({
    publicToken: publicTokenSchema.optional(),
    institution: institutionSchema.optional(),
    accounts: z.array(linkAccountSchema).min(1, 'must list the accounts Link returned').optional(),
    /** Exchange even though the duplicate check found an earlier Item with the same account. */
    allowDuplicate: z.boolean().default(false),
    itemId: z.string().trim().min(1, 'must be a Plaid item_id').optional(),
  })
  .strict()
  .superRefine((source, context) => {
    if ((source.publicToken === undefined) === (source.itemId === undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['publicToken'],
        message:
          'give either publicToken (from Link) or itemId (an Item exchanged earlier), not both or neither',
      });
      return;
    }
    if (source.publicToken !== undefined) {
      if (source.institution === undefined)
        context.addIssue({ code: 'custom', path: ['institution'], message: 'is required with publicToken' });
      if (source.accounts === undefined)
        context.addIssue({ code: 'custom', path: ['accounts'], message: 'is required with publicToken' });
    }
  });

/** The customer whose bank account is linked. */
export const customerSchema = z.object({
  email: z.email('must be an email address'),
  firstName: z.string().trim().min(1).max(50),
  lastName: z.string().trim().min(1).max(50),
});

/** A linked-account source after validation. */
export type LinkSource = z.output<typeof linkSourceSchema>;
/** The customer after validation. */
export type SampleCustomer = z.output<typeof customerSchema>;
