export {
  type AdapterContractCase,
  type AdapterContractHarness,
  type AdapterContractOptions,
  type ContractLinkInput,
  createAdapterContractCases,
} from './adapter-contract.js';
