import type { FlowFactory, Provider, Variant } from './flow-types.js';

/**
 * Imports only the module of one provider and variant, so a worker process never loads the other
 * variants' libraries (their code, heap and GC stay out of its CPU numbers).
 */
export async function loadFlowFactory(provider: Provider, variant: Variant): Promise<FlowFactory> {
  switch (`${provider}/${variant}`) {
    case 'stripe/achbridge':
      return (await import('./achbridge-stripe-flow.js')).createAchbridgeStripeFlow;
    case 'stripe/sdk':
      return (await import('./sdk-stripe-flow.js')).createSdkStripeFlow;
    case 'stripe/fetch':
      return (await import('./fetch-stripe-flow.js')).createFetchStripeFlow;
    case 'stripe/http':
      return (await import('./http-stripe-flow.js')).createHttpStripeFlow;
    case 'dwolla/achbridge':
      return (await import('./achbridge-dwolla-flow.js')).createAchbridgeDwollaFlow;
    case 'dwolla/sdk':
      return (await import('./sdk-dwolla-flow.js')).createSdkDwollaFlow;
    case 'dwolla/fetch':
      return (await import('./fetch-dwolla-flow.js')).createFetchDwollaFlow;
    case 'dwolla/http':
      return (await import('./http-dwolla-flow.js')).createHttpDwollaFlow;
    case 'modern_treasury/achbridge':
      return (await import('./achbridge-modern-treasury-flow.js')).createAchbridgeModernTreasuryFlow;
    case 'modern_treasury/sdk':
      return (await import('./sdk-modern-treasury-flow.js')).createSdkModernTreasuryFlow;
    case 'modern_treasury/fetch':
      return (await import('./fetch-modern-treasury-flow.js')).createFetchModernTreasuryFlow;
    case 'modern_treasury/http':
      return (await import('./http-modern-treasury-flow.js')).createHttpModernTreasuryFlow;
    default:
      throw new Error(`unknown flow ${provider}/${variant}`);
  }
}
