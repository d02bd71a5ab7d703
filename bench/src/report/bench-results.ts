import type { ProviderCost } from '../sections/client-cost.js';
import type { ColdStartResult } from '../sections/cold-start.js';
import type { EndpointThroughput } from '../sections/emulator-throughput.js';
import type { FootprintResult } from '../sections/install-footprint.js';
import type { LoadResult } from '../sections/rate-limited-load.js';
import type { RuntimeResult } from '../sections/runtime-cost.js';
import type { StoreBenchResult } from '../sections/store-section.js';

/** A target's verdict: the measured ratio or rate, the bound, and whether it holds. */
export interface TargetVerdict {
  id: string;
  label: string;
  value: number | null;
  comparison: '<=' | '>=' | '==';
  target: number;
  /** null when the value could not be measured. */
  pass: boolean | null;
  unit: string;
  /** min–max of the per-round (or per-run) values behind `value`, where there are several. */
  spread?: { min: number; max: number };
}

/** Everything one bench run measured, as written to bench/results/latest.json. */
export interface BenchResults {
  generatedAt: string;
  mode: 'full' | 'check' | 'throughput';
  machine: {
    node: string;
    platform: string;
    arch: string;
    cpus: number;
    cpuModel: string;
    loadAverage: number[];
  };
  clientCost?: ProviderCost[];
  coldStart?: ColdStartResult;
  installFootprint?: FootprintResult;
  rateLimitedLoad?: LoadResult;
  emulatorThroughput?: EndpointThroughput[];
  /** Client CPU and cold start in Node, Bun and Deno against each runtime's raw fetch floor. */
  runtimes?: RuntimeResult;
  /** Store overhead per link and webhook inbox throughput through the job engine. */
  store?: StoreBenchResult;
  targets: TargetVerdict[];
  durationSeconds: number;
}
