import { MT_PAYMENT_TIMELINE } from '@achbridge/emulator';
import type { ModernTreasuryAdapter, ModernTreasuryPaymentOrder } from '@achbridge/modern-treasury';
import type { StepDefinition, StepRunner } from '../../flows/step-runner.js';
import type { EmulatorAccess } from '../../providers/sample-providers.js';

/** The Modern Treasury settlement steps (the CLI runs them after the flow). */
export const MT_SETTLE_STEPS: readonly StepDefinition[] = [
  { id: 'clock', label: 'Advance the emulator clock 1 day (Modern Treasury posts an ACH debit)' },
  { id: 'status', label: 'Read the payment order status (Modern Treasury)' },
];

/**
 * Settles the test debit: on the emulator, advances the clock past Modern Treasury's completion time, then
 * reads the payment order (`completed`). Against the real sandbox only the read runs (it settles on its own).
 */
export async function settleModernTreasuryDebit(
  runner: StepRunner,
  deps: {
    modernTreasury: ModernTreasuryAdapter;
    emulator: EmulatorAccess | undefined;
    paymentOrderId: string;
  },
): Promise<ModernTreasuryPaymentOrder> {
  const { emulator } = deps;
  if (emulator === undefined) {
    runner.skip(
      'clock',
      'The real Modern Treasury sandbox moves payment orders on its own schedule; only the status is read.',
    );
  } else {
    await runner.run('clock', async () => {
      const clock = await emulator.control.advanceClock(MT_PAYMENT_TIMELINE.completedAfterMs);
      return { value: clock, detail: `Emulated time is now ${clock.now}.` };
    });
  }
  return runner.run('status', async () => {
    const order = await deps.modernTreasury.getPaymentOrder(deps.paymentOrderId);
    const returned =
      order.returnCode === null ? '' : ` (return ${order.returnCode}: ${order.returnReason ?? ''})`;
    return { value: order, detail: `Payment order ${order.id}: ${order.status}${returned}.` };
  });
}
