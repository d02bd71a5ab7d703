import { createDwollaModule } from './dwolla/dwolla-module.js';
import { attachDwollaWebhooks } from './dwolla/dwolla-webhooks.js';
import { createModernTreasuryModule } from './modern-treasury/mt-module.js';
import { createPlaidModule } from './plaid/plaid-module.js';
import { createStripeModule } from './stripe/stripe-module.js';
import { attachStripeWebhooks } from './stripe/stripe-webhooks.js';
import type { ModuleContext, ProviderModule } from './types.js';

/** Builds one provider module from the shared context. */
export type ModuleFactory = (context: ModuleContext) => ProviderModule;

/** The emulated Dwolla with webhook subscriptions and signed deliveries attached. */
export const createDwollaModuleWithWebhooks: ModuleFactory = (context) =>
  attachDwollaWebhooks(createDwollaModule(context), context);

/** The emulated Stripe with webhook endpoints and signed `payment_intent.*` deliveries attached. */
export const createStripeModuleWithWebhooks: ModuleFactory = (context) =>
  attachStripeWebhooks(createStripeModule(context), context);

/**
 * The provider modules every emulator mounts, in order: Plaid on `/plaid`, Stripe on `/v1`, Dwolla on `/dwolla`,
 * Modern Treasury on `/modern-treasury`. A new provider is its folder plus one entry here.
 */
export const DEFAULT_MODULE_FACTORIES: readonly ModuleFactory[] = [
  createPlaidModule,
  createStripeModuleWithWebhooks,
  createDwollaModuleWithWebhooks,
  createModernTreasuryModule,
];
