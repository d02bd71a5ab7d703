import { z } from 'zod';
import type { EmulatorInfo } from '../lib/emulator-info.js';
import { getJson, postJson } from '../lib/fixture-http.js';

const stateSchema = z.object({
  stripe: z.object({
    bankAccounts: z.array(
      z.object({ id: z.string(), customer: z.string().nullable(), fingerprint: z.string().nullable() }),
    ),
  }),
  dwolla: z.object({
    fundingSources: z.array(
      z.object({
        id: z.string(),
        customer: z.string().nullable(),
        removed: z.boolean(),
        fingerprint: z.string().nullable(),
      }),
    ),
  }),
});

/** Resources per (customer, bank account) in the emulator, and how many of those pairs have more than one. */
export interface DuplicateCount {
  resources: number;
  pairs: number;
  duplicates: number;
}

/** Counts the emulator's Stripe bank accounts or live Dwolla funding sources and their duplicates. */
export async function countDuplicates(
  info: EmulatorInfo,
  provider: 'stripe' | 'dwolla',
): Promise<DuplicateCount> {
  const state = (await getJson(`${info.url}/__emulator/state`, stateSchema)).body;
  const resources =
    provider === 'stripe'
      ? state.stripe.bankAccounts.map((account) => `${account.customer}|${account.fingerprint ?? account.id}`)
      : state.dwolla.fundingSources
          .filter((source) => !source.removed)
          .map((source) => `${source.customer}|${source.fingerprint ?? source.id}`);
  const pairs = new Map<string, number>();
  for (const key of resources) pairs.set(key, (pairs.get(key) ?? 0) + 1);
  return {
    resources: resources.length,
    pairs: pairs.size,
    duplicates: [...pairs.values()].filter((count) => count > 1).length,
  };
}

/** Drops all emulator state and faults (between sections). */
export async function resetEmulator(info: EmulatorInfo): Promise<void> {
  await postJson(`${info.url}/__emulator/reset`, {}, z.unknown());
}

/** Registers a fault through the control API. */
export async function addFault(info: EmulatorInfo, spec: Record<string, unknown>): Promise<void> {
  await postJson(`${info.url}/__emulator/faults`, spec, z.unknown(), { expectStatus: 201 });
}

/** The emulator's faults with their counters. */
export async function listFaults(
  info: EmulatorInfo,
): Promise<{ path: string; matched: number; applied: number }[]> {
  const schema = z.object({
    faults: z.array(z.object({ path: z.string(), matched: z.number(), applied: z.number() })),
  });
  return (await getJson(`${info.url}/__emulator/faults`, schema)).body.faults;
}

/** Removes every fault. */
export async function clearFaults(info: EmulatorInfo): Promise<void> {
  const response = await fetch(`${info.url}/__emulator/faults`, { method: 'DELETE' });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`clearing faults answered ${response.status}`);
}
