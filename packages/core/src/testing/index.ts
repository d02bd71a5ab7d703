export {
  type AdapterContractCase,
  type AdapterContractHarness,
  type AdapterContractOptions,
  type ContractLinkInput,
  createAdapterContractCases,
} from './adapter-contract.js';
export {
  createTestWebhookSigner,
  type SignedTestWebhook,
  type TestWebhookSigner,
  type TestWebhookSignerSettings,
  type TestWebhookSignOptions,
} from './webhook-signer.js';
