import { lazySchema } from '@achbridge/core/internal';
import { z } from 'zod';

/** A HAL link (`{ href, type, resource-type }`) as Dwolla returns it. */
export const halLinkSchema = lazySchema(() =>
  z.looseObject({
    href: z.string().min(1),
    type: z.string().optional(),
    'resource-type': z.string().optional(),
  }),
);

/** A HAL `_links` map keyed by relation name. */
export const halLinksSchema = lazySchema(() => z.record(z.string(), halLinkSchema()));

/** The body of a successful `POST /token` (client credentials). */
export const tokenResponseSchema = lazySchema(() =>
  z.looseObject({
    access_token: z.string().min(1),
    token_type: z.string().refine((value) => value.toLowerCase() === 'bearer', {
      message: "expected token_type 'bearer'",
    }),
    expires_in: z.number().int().positive(),
  }),
);

/** One entry of `_embedded.errors` in a Dwolla ValidationError. */
export const embeddedErrorSchema = lazySchema(() =>
  z.looseObject({
    code: z.string().optional(),
    message: z.string().optional(),
    path: z.string().optional(),
    _links: z.record(z.string(), z.unknown()).optional(),
  }),
);

/** A Dwolla error body (vnd.error style), or the OAuth-style `{ error }` of `/token`. */
export const errorBodySchema = lazySchema(() =>
  z.looseObject({
    code: z.string().optional(),
    message: z.string().optional(),
    error: z.string().optional(),
    error_description: z.string().optional(),
    _links: z.record(z.string(), z.unknown()).optional(),
    _embedded: z.looseObject({ errors: z.array(z.unknown()).optional() }).optional(),
  }),
);

/** A funding source resource (`GET /funding-sources/{id}`). */
export const fundingSourceSchema = lazySchema(() =>
  z.looseObject({
    _links: halLinksSchema().optional(),
    id: z.string().min(1),
    status: z.string().min(1),
    type: z.string().min(1),
    name: z.string(),
    bankAccountType: z.string().optional(),
    created: z.string().optional(),
    removed: z.boolean().optional(),
    channels: z.array(z.string()).optional(),
    bankName: z.string().optional(),
    fingerprint: z.string().optional(),
  }),
);

/** The answer of `GET /customers/{id}/funding-sources`. */
export const fundingSourceListSchema = lazySchema(() =>
  z.looseObject({
    _links: halLinksSchema().optional(),
    _embedded: z.looseObject({ 'funding-sources': z.array(fundingSourceSchema()) }),
    total: z.number().int().nonnegative().optional(),
  }),
);

/** One exchange partner (`Plaid`, `MX`, `Finicity`, ...). */
export const exchangePartnerSchema = lazySchema(() =>
  z.looseObject({
    _links: z.looseObject({ self: halLinkSchema() }),
    id: z.string().min(1),
    name: z.string().min(1),
    status: z.string().optional(),
    created: z.string().optional(),
  }),
);

/** The answer of `GET /exchange-partners`. */
export const exchangePartnerListSchema = lazySchema(() =>
  z.looseObject({
    _links: halLinksSchema().optional(),
    _embedded: z.looseObject({ 'exchange-partners': z.array(exchangePartnerSchema()) }),
    total: z.number().int().nonnegative().optional(),
  }),
);

/** A customer resource (`GET /customers/{id}`), the fields achbridge reads. */
export const customerSchema = lazySchema(() =>
  z.looseObject({
    _links: halLinksSchema().optional(),
    id: z.string().min(1),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.string().optional(),
    type: z.string().min(1),
    status: z.string().min(1),
    created: z.string().optional(),
    correlationId: z.string().optional(),
    businessName: z.string().optional(),
  }),
);

/** The answer of `GET /customers` (list and search). */
export const customerListSchema = lazySchema(() =>
  z.looseObject({
    _links: halLinksSchema().optional(),
    _embedded: z.looseObject({ customers: z.array(customerSchema()) }),
    total: z.number().int().nonnegative().optional(),
  }),
);

/** Raw funding source as validated from Dwolla. */
export type FundingSourceBody = z.output<ReturnType<typeof fundingSourceSchema>>;
/** Raw customer as validated from Dwolla. */
export type CustomerBody = z.output<ReturnType<typeof customerSchema>>;
