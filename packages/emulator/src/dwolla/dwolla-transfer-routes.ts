import { listAccountFundingSources } from './dwolla-account-funding-sources.js';
import type { DwollaRoute } from './dwolla-router.js';
import {
  cancelTransfer,
  createTransfer,
  getTransfer,
  getTransferFailure,
  listCustomerTransfers,
  simulateBankTransferProcessing,
} from './dwolla-transfers.js';

/** The transfer endpoints of the emulated Dwolla (plus the account balance they can pay into). */
export const DWOLLA_TRANSFER_ROUTES: readonly DwollaRoute[] = [
  { method: 'POST', path: '/transfers', handler: createTransfer },
  { method: 'GET', path: '/transfers/:id', handler: getTransfer },
  { method: 'POST', path: '/transfers/:id', handler: cancelTransfer },
  { method: 'GET', path: '/transfers/:id/failure', handler: getTransferFailure },
  { method: 'GET', path: '/customers/:id/transfers', handler: listCustomerTransfers },
  { method: 'GET', path: '/accounts/:id/funding-sources', handler: listAccountFundingSources },
  { method: 'POST', path: '/sandbox-simulations', handler: simulateBankTransferProcessing },
];
