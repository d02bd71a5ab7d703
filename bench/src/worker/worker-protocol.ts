import { z } from 'zod';
import { emulatorInfoSchema } from '../lib/emulator-info.js';

const jobSchema = z.object({
  publicToken: z.string().optional(),
  accessToken: z.string().optional(),
  accountId: z.string().min(1),
  customer: z.string().min(1),
});

/** Messages the parent sends a flow worker. */
export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    info: emulatorInfoSchema,
    provider: z.enum(['stripe', 'dwolla', 'modern_treasury']),
    variant: z.enum(['achbridge', 'sdk', 'fetch', 'http']),
    /** Retries per provider call for achbridge flows (default: the library's). */
    maxRetries: z.number().int().min(0).max(10).optional(),
    /** Caps node:http's shared keep-alive pool per origin (what core and stripe-node send through). */
    maxSockets: z.number().int().min(1).optional(),
    /** The node:http floor reads the accounts beside the token mint (the 4-call floor). */
    readAccounts: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('run'),
    id: z.number().int(),
    jobs: z.array(jobSchema),
    concurrency: z.number().int().min(1),
    /**
     * Count HTTP requests and 429 answers over the batch (through diagnostics channels; per flow when the
     * batch runs one flow at a time). Off in measured CPU batches.
     */
    countCalls: z.boolean(),
  }),
]);

/** A message to a flow worker. */
export type ToWorker = z.output<typeof toWorkerSchema>;

/** What one measured batch cost the worker process and what it made. */
export const batchResultSchema = z.object({
  type: z.literal('result'),
  id: z.number().int(),
  /** `process.cpuUsage()` delta over the batch, µs. */
  cpuUserMicros: z.number(),
  cpuSystemMicros: z.number(),
  wallMs: z.number(),
  /** Created resource id per job, null where the flow failed. */
  outcomes: z.array(z.string().nullable()),
  /** Messages of failed flows (at most a few). */
  errors: z.array(z.string()),
  failed: z.number().int(),
  /** HTTP requests each flow sent (only with countCalls at concurrency 1; empty otherwise). */
  callsPerFlow: z.array(z.number().int()),
  /**
   * Round trips on each flow's critical path: its longest chain of requests that each waited for the one
   * before (requests in flight together count once); same conditions as callsPerFlow.
   */
  roundTripsPerFlow: z.array(z.number().int()),
  /** HTTP requests sent and 429 answers received over the batch (only with countCalls; 0 otherwise). */
  requests: z.number().int(),
  throttled: z.number().int(),
  /** Peak resident set size of the worker so far, bytes. */
  maxRssBytes: z.number(),
});

/** A measured batch as the worker reports it. */
export type BatchResult = z.output<typeof batchResultSchema>;

/** Messages a flow worker sends back. */
export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  batchResultSchema,
  z.object({ type: z.literal('fatal'), message: z.string() }),
]);

/** A message from a flow worker. */
export type FromWorker = z.output<typeof fromWorkerSchema>;
