import { type Provider, VARIANTS, type Variant } from '../flows/flow-types.js';
import type { EmulatorInfo } from '../lib/emulator-info.js';
import { rotationForRound } from '../lib/interleave.js';
import { median, range } from '../lib/stats.js';
import { type FlowWorker, startFlowWorker } from '../worker/worker-handle.js';
import { assertBatchCreated, type PreparedJob, prepareJobs, toFlowJob } from './flow-jobs.js';

/** How much client-cost work to do. */
export interface ClientCostSettings {
  rounds: number;
  sequentialFlows: number;
  concurrentFlows: number;
  concurrency: number;
  warmupFlows: number;
  /** Fresh flows run one at a time, after the warm-up, to count each one's HTTP calls (not timed). */
  countFlows: number;
  /** The variants to run (default: all; `bench:check` leaves out raw fetch, which no bound uses). */
  variants?: readonly Variant[];
}

/** One mode's measurements of one variant: per-round samples and their medians. */
export interface ModeCost {
  /** Client CPU (user + system) per flow, µs, one sample per round. */
  cpuMicrosPerFlow: number[];
  /** Wall time of the batch divided by its flows, ms, one sample per round. */
  wallMsPerFlow: number[];
  medianCpuMicrosPerFlow: number;
  /** Spread of the per-round CPU samples. */
  minCpuMicrosPerFlow: number;
  maxCpuMicrosPerFlow: number;
  medianWallMsPerFlow: number;
  /** Flows per second of wall time (median batch). */
  medianFlowsPerSecond: number;
}

/** A variant's cost in both modes. */
export interface VariantCost {
  variant: Variant;
  /** HTTP requests each counted fresh flow sent (measured through Node's diagnostics channels). */
  callsPerFreshLink: number[];
  /**
   * Round trips on each counted fresh flow's critical path (the longest chain of requests that each waited
   * for the answer before; requests in flight together count once), from the same diagnostics channels.
   */
  roundTripsPerFreshLink: number[];
  sequential: ModeCost;
  concurrent: ModeCost;
}

/** Client cost of one provider's flow for every variant. */
export interface ProviderCost {
  provider: Provider;
  settings: ClientCostSettings;
  variants: VariantCost[];
  /** The variant order of each round (rotated so noise hits all alike). */
  orders: Variant[][];
}

type Samples = Record<Variant, { cpu: number[]; wall: number[] }>;

function emptySamples(): Samples {
  return Object.fromEntries(
    VARIANTS.map((variant) => [variant, { cpu: [], wall: [] }]),
  ) as unknown as Samples;
}

function summarize(samples: { cpu: number[]; wall: number[] }): ModeCost {
  const medianWall = median(samples.wall);
  const spread = range(samples.cpu);
  return {
    cpuMicrosPerFlow: samples.cpu,
    wallMsPerFlow: samples.wall,
    medianCpuMicrosPerFlow: median(samples.cpu),
    minCpuMicrosPerFlow: spread.min,
    maxCpuMicrosPerFlow: spread.max,
    medianWallMsPerFlow: medianWall,
    medianFlowsPerSecond: medianWall > 0 ? 1000 / medianWall : 0,
  };
}

async function measureBatch(
  worker: FlowWorker,
  jobs: PreparedJob[],
  concurrency: number,
): Promise<{ cpuMicrosPerFlow: number; wallMsPerFlow: number }> {
  const result = await worker.run(jobs.map(toFlowJob), concurrency);
  assertBatchCreated(`${worker.provider}/${worker.variant}`, result.outcomes, result.errors, jobs.length);
  return {
    cpuMicrosPerFlow: (result.cpuUserMicros + result.cpuSystemMicros) / jobs.length,
    wallMsPerFlow: result.wallMs / jobs.length,
  };
}

async function countCalls(
  worker: FlowWorker,
  jobs: PreparedJob[],
): Promise<{ calls: number[]; roundTrips: number[] }> {
  const result = await worker.run(jobs.map(toFlowJob), 1, true);
  assertBatchCreated(`${worker.provider}/${worker.variant}`, result.outcomes, result.errors, jobs.length);
  return { calls: result.callsPerFlow, roundTrips: result.roundTripsPerFlow };
}

/** Every job the run needs, prepared at once (fewer setup calls than batch by batch), handed out in order. */
async function prepareJobPool(
  info: EmulatorInfo,
  provider: Provider,
  count: number,
): Promise<(flows: number) => PreparedJob[]> {
  const pool = await prepareJobs(info, provider, count);
  let next = 0;
  return (flows) => {
    if (next + flows > pool.length) throw new Error('client cost: prepared too few jobs');
    next += flows;
    return pool.slice(next - flows, next);
  };
}

/**
 * Measures client CPU and wall time per full flow for achbridge, the SDK glue, raw fetch and the raw
 * node:http floor, each in its own process against the emulator process: sequentially and at
 * `concurrency`, over `rounds` rounds whose variant order rotates. Each flow gets a fresh public token and
 * customer, prepared outside the measured section. After the warm-up, a few fresh flows per variant run
 * one at a time with their HTTP calls counted (that batch is not timed).
 */
export async function measureClientCost(
  info: EmulatorInfo,
  provider: Provider,
  settings: ClientCostSettings,
  log: (line: string) => void,
): Promise<ProviderCost> {
  const variants = VARIANTS.filter((variant) => settings.variants?.includes(variant) ?? true);
  const perVariant =
    settings.warmupFlows +
    settings.countFlows +
    settings.rounds * (settings.sequentialFlows + settings.concurrentFlows);
  const [take, ...workers] = await Promise.all([
    prepareJobPool(info, provider, perVariant * variants.length),
    ...variants.map((variant) => startFlowWorker({ provider, variant, info })),
  ]);
  const byVariant = new Map(workers.map((worker) => [worker.variant, worker]));
  const sequential = emptySamples();
  const concurrent = emptySamples();
  const orders: Variant[][] = [];
  const calls = new Map<Variant, { calls: number[]; roundTrips: number[] }>();
  try {
    for (const worker of workers) {
      await measureBatch(
        worker,
        take(settings.warmupFlows),
        Math.min(settings.concurrency, settings.warmupFlows),
      );
      calls.set(worker.variant, await countCalls(worker, take(settings.countFlows)));
    }
    for (let round = 0; round < settings.rounds; round++) {
      const order = rotationForRound(variants, round);
      orders.push(order);
      for (const variant of order) {
        const worker = byVariant.get(variant) as FlowWorker;
        const seq = await measureBatch(worker, take(settings.sequentialFlows), 1);
        sequential[variant].cpu.push(seq.cpuMicrosPerFlow);
        sequential[variant].wall.push(seq.wallMsPerFlow);
      }
      for (const variant of order) {
        const worker = byVariant.get(variant) as FlowWorker;
        const conc = await measureBatch(worker, take(settings.concurrentFlows), settings.concurrency);
        concurrent[variant].cpu.push(conc.cpuMicrosPerFlow);
        concurrent[variant].wall.push(conc.wallMsPerFlow);
      }
      log(
        `  ${provider} round ${round + 1}/${settings.rounds} (${order.join(' ')}): ` +
          variants
            .map(
              (variant) =>
                `${variant} ${Math.round(sequential[variant].cpu.at(-1) as number)}/${Math.round(concurrent[variant].cpu.at(-1) as number)} µs`,
            )
            .join(', '),
      );
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
  return {
    provider,
    settings,
    orders,
    variants: variants.map((variant) => ({
      variant,
      callsPerFreshLink: calls.get(variant)?.calls ?? [],
      roundTripsPerFreshLink: calls.get(variant)?.roundTrips ?? [],
      sequential: summarize(sequential[variant]),
      concurrent: summarize(concurrent[variant]),
    })),
  };
}
