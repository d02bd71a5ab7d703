import { CALLS_PER_FLOW } from '../flows/calls-per-flow.js';
import { type Provider, VARIANTS, type Variant } from '../flows/flow-types.js';
import type { EmulatorInfo } from '../lib/emulator-info.js';
import { rotationForRound } from '../lib/interleave.js';
import { median } from '../lib/stats.js';
import { type FlowWorker, startFlowWorker } from '../worker/worker-handle.js';
import { assertBatchCreated, prepareJobs, toFlowJob } from './flow-jobs.js';

/** How much client-cost work to do. */
export interface ClientCostSettings {
  rounds: number;
  sequentialFlows: number;
  concurrentFlows: number;
  concurrency: number;
  warmupFlows: number;
}

/** One mode's measurements of one variant: per-round samples and their medians. */
export interface ModeCost {
  /** Client CPU (user + system) per flow, µs, one sample per round. */
  cpuMicrosPerFlow: number[];
  /** Wall time of the batch divided by its flows, ms, one sample per round. */
  wallMsPerFlow: number[];
  medianCpuMicrosPerFlow: number;
  medianWallMsPerFlow: number;
  /** Flows per second of wall time (median batch). */
  medianFlowsPerSecond: number;
}

/** A variant's cost in both modes. */
export interface VariantCost {
  variant: Variant;
  /** The HTTP calls the variant makes per fresh flow (by construction of its flow code). */
  callsPerFlow: string;
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
  return {
    achbridge: { cpu: [], wall: [] },
    sdk: { cpu: [], wall: [] },
    raw: { cpu: [], wall: [] },
  };
}

function summarize(samples: { cpu: number[]; wall: number[] }): ModeCost {
  const medianWall = median(samples.wall);
  return {
    cpuMicrosPerFlow: samples.cpu,
    wallMsPerFlow: samples.wall,
    medianCpuMicrosPerFlow: median(samples.cpu),
    medianWallMsPerFlow: medianWall,
    medianFlowsPerSecond: medianWall > 0 ? 1000 / medianWall : 0,
  };
}

async function measureBatch(
  info: EmulatorInfo,
  worker: FlowWorker,
  flows: number,
  concurrency: number,
): Promise<{ cpuMicrosPerFlow: number; wallMsPerFlow: number }> {
  const jobs = await prepareJobs(info, worker.provider, flows);
  const result = await worker.run(jobs.map(toFlowJob), concurrency);
  assertBatchCreated(`${worker.provider}/${worker.variant}`, result.outcomes, result.errors, flows);
  return {
    cpuMicrosPerFlow: (result.cpuUserMicros + result.cpuSystemMicros) / flows,
    wallMsPerFlow: result.wallMs / flows,
  };
}

/**
 * Measures client CPU and wall time per full flow for achbridge, the SDK glue and raw fetch, each in its
 * own process against the emulator process: sequentially and at `concurrency`, over `rounds` rounds
 * whose variant order rotates. Each flow gets a fresh public token and customer, prepared outside the
 * measured section.
 */
export async function measureClientCost(
  info: EmulatorInfo,
  provider: Provider,
  settings: ClientCostSettings,
  log: (line: string) => void,
): Promise<ProviderCost> {
  const workers = await Promise.all(VARIANTS.map((variant) => startFlowWorker({ provider, variant, info })));
  const byVariant = new Map(workers.map((worker) => [worker.variant, worker]));
  const sequential = emptySamples();
  const concurrent = emptySamples();
  const orders: Variant[][] = [];
  try {
    for (const worker of workers) {
      await measureBatch(
        info,
        worker,
        settings.warmupFlows,
        Math.min(settings.concurrency, settings.warmupFlows),
      );
    }
    for (let round = 0; round < settings.rounds; round++) {
      const order = rotationForRound(VARIANTS, round);
      orders.push(order);
      for (const variant of order) {
        const worker = byVariant.get(variant) as FlowWorker;
        const seq = await measureBatch(info, worker, settings.sequentialFlows, 1);
        sequential[variant].cpu.push(seq.cpuMicrosPerFlow);
        sequential[variant].wall.push(seq.wallMsPerFlow);
      }
      for (const variant of order) {
        const worker = byVariant.get(variant) as FlowWorker;
        const conc = await measureBatch(info, worker, settings.concurrentFlows, settings.concurrency);
        concurrent[variant].cpu.push(conc.cpuMicrosPerFlow);
        concurrent[variant].wall.push(conc.wallMsPerFlow);
      }
      log(
        `  ${provider} round ${round + 1}/${settings.rounds} (${order.join(' ')}): ` +
          VARIANTS.map(
            (variant) =>
              `${variant} ${Math.round(sequential[variant].cpu.at(-1) as number)}/${Math.round(concurrent[variant].cpu.at(-1) as number)} µs`,
          ).join(', '),
      );
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
  return {
    provider,
    settings,
    orders,
    variants: VARIANTS.map((variant) => ({
      variant,
      callsPerFlow: CALLS_PER_FLOW[provider][variant],
      sequential: summarize(sequential[variant]),
      concurrent: summarize(concurrent[variant]),
    })),
  };
}
