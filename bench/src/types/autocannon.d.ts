// The part of autocannon 9's programmatic API the bench uses (the package ships no type declarations).
declare module 'autocannon' {
  /** Options of one autocannon run. */
  interface AutocannonOptions {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    title?: string;
  }

  /** An hdr-histogram-percentiles-obj summary. */
  interface AutocannonHistogram {
    average: number;
    min: number;
    max: number;
    p50: number;
    p99: number;
  }

  /** What a finished run reports. */
  interface AutocannonResult {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
    requests: AutocannonHistogram;
    latency: AutocannonHistogram;
  }

  /** Runs a load test and resolves with its results. */
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
  export default autocannon;
}
