import { InputValidationError, ResponseValidationError } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import type { DwollaTransfer } from './dwolla-transfer-models.js';
import {
  createDwollaTransferStatusReader,
  dwollaTransferOutcome,
  dwollaTransferOutcomeFromEvent,
} from './dwolla-transfer-outcome.js';
import type { DwollaWebhookEvent } from './dwolla-webhook-events.js';

function transfer(status: string, failureCode?: string): DwollaTransfer {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    url: 'https://api-sandbox.dwolla.com/transfers/a1b2c3d4-0000-4000-8000-000000000001',
    status,
    amount: { value: '1.00', currency: 'USD' },
    createdAt: '2026-12-02T12:00:00.000Z',
    sourceFundingSourceUrl: null,
    destinationFundingSourceUrl: null,
    cancellable: status === 'pending',
    correlationId: null,
    metadata: {},
    failure: failureCode ? { code: failureCode, description: null, explanation: null } : null,
  };
}

function event(topic: string, resourceId = 'A1B2C3D4-0000-4000-8000-000000000001'): DwollaWebhookEvent {
  return {
    kind: 'other',
    id: `evt-${topic}`,
    topic,
    resourceId,
    createdAt: '2026-12-05T12:00:00.000Z',
    resourceUrl: null,
    customerUrl: null,
    customerId: null,
    eventUrl: null,
    body: {},
  };
}

describe('dwollaTransferOutcome', () => {
  it.each([
    ['pending', 'pending'],
    ['processed', 'succeeded'],
    ['cancelled', 'cancelled'],
  ])('%s → %s', (status, outcome) => {
    expect(dwollaTransferOutcome(transfer(status))?.status).toBe(outcome);
  });

  it('failed carries the return code; unknown statuses give undefined', () => {
    expect(dwollaTransferOutcome(transfer('failed', 'R02'), 'poll')).toMatchObject({
      provider: 'dwolla',
      status: 'failed',
      returnCode: 'R02',
      source: 'poll',
    });
    expect(dwollaTransferOutcome(transfer('reclaimed'))).toBeUndefined();
  });
});

describe('dwollaTransferOutcomeFromEvent', () => {
  const reads: string[] = [];
  const readTransfer = async (id: string) => {
    reads.push(id);
    return transfer('failed', 'R10');
  };

  it('maps customer_transfer_* and transfer_* topics, reading the return code only for failures', async () => {
    reads.length = 0;
    expect(
      await dwollaTransferOutcomeFromEvent(event('customer_transfer_created'), readTransfer),
    ).toMatchObject({
      status: 'pending',
      paymentId: 'a1b2c3d4-0000-4000-8000-000000000001',
      eventId: 'evt-customer_transfer_created',
      occurredAt: '2026-12-05T12:00:00.000Z',
    });
    expect((await dwollaTransferOutcomeFromEvent(event('transfer_completed'), readTransfer))?.status).toBe(
      'succeeded',
    );
    expect((await dwollaTransferOutcomeFromEvent(event('transfer_cancelled'), readTransfer))?.status).toBe(
      'cancelled',
    );
    expect(reads).toEqual([]);
    expect(
      await dwollaTransferOutcomeFromEvent(event('customer_transfer_failed'), readTransfer),
    ).toMatchObject({
      status: 'failed',
      returnCode: 'R10',
    });
    expect(reads).toHaveLength(1);
  });

  it('maps a verified customer’s bank leg to the transfer it funds: completed is processing, failed carries the return', async () => {
    const legId = 'b0b0b0b0-0000-4000-8000-00000000000b';
    const leg = async (status: string, code?: string) => ({
      ...transfer(status, code),
      id: legId,
      fundedTransferUrl: 'https://api-sandbox.dwolla.com/transfers/A1B2C3D4-0000-4000-8000-000000000001',
    });
    expect(
      await dwollaTransferOutcomeFromEvent(event('customer_bank_transfer_created', legId), () =>
        leg('pending'),
      ),
    ).toMatchObject({ paymentId: 'a1b2c3d4-0000-4000-8000-000000000001', status: 'pending' });
    expect(
      await dwollaTransferOutcomeFromEvent(event('customer_bank_transfer_completed', legId), () =>
        leg('processed'),
      ),
    ).toMatchObject({ paymentId: 'a1b2c3d4-0000-4000-8000-000000000001', status: 'processing' });
    expect(
      await dwollaTransferOutcomeFromEvent(event('customer_bank_transfer_failed', legId), () =>
        leg('failed', 'R01'),
      ),
    ).toMatchObject({
      paymentId: 'a1b2c3d4-0000-4000-8000-000000000001',
      status: 'failed',
      returnCode: 'R01',
      providerStatus: 'customer_bank_transfer_failed',
    });
    // Without a funded-transfer link the leg is the payment itself.
    expect(
      await dwollaTransferOutcomeFromEvent(event('customer_bank_transfer_completed'), async () =>
        transfer('processed'),
      ),
    ).toMatchObject({ paymentId: 'a1b2c3d4-0000-4000-8000-000000000001', status: 'succeeded' });
  });

  it('gives undefined for other topics, and validates its input', async () => {
    expect(
      await dwollaTransferOutcomeFromEvent(event('customer_funding_source_added'), readTransfer),
    ).toBeUndefined();
    await expect(dwollaTransferOutcomeFromEvent({} as DwollaWebhookEvent, readTransfer)).rejects.toThrow(
      InputValidationError,
    );
    await expect(dwollaTransferOutcomeFromEvent(event('transfer_failed'), 'x' as never)).rejects.toThrow(
      /readTransfer/,
    );
  });
});

describe('createDwollaTransferStatusReader', () => {
  it('reads the transfer as a poll update, and refuses a status it does not know', async () => {
    const reader = createDwollaTransferStatusReader(async () => transfer('processed'));
    expect(await reader({ provider: 'dwolla', paymentId: 'x' }, undefined)).toMatchObject({
      status: 'succeeded',
      source: 'poll',
    });
    const odd = createDwollaTransferStatusReader(async () => transfer('reclaimed'));
    await expect(odd({ provider: 'dwolla', paymentId: 'x' }, undefined)).rejects.toThrow(
      ResponseValidationError,
    );
    expect(() => createDwollaTransferStatusReader(null as never)).toThrow(InputValidationError);
  });
});
