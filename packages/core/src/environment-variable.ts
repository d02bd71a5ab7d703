/** The part of a runtime's global object that holds environment variables. */
export interface RuntimeGlobals {
  process?: { env?: Record<string, string | undefined> } | undefined;
}

/**
 * Reads an environment variable where the runtime has `process.env` (Node, Bun, Deno); undefined on runtimes
 * without one (Cloudflare Workers without `nodejs_compat`) and where reading is not permitted (Deno without
 * `--allow-env` throws instead of answering), so a missing permission reads as "not set". `runtime` is the
 * global object to read `process.env` from (tests pass a stand-in).
 */
export function readEnvironmentVariable(
  name: string,
  runtime: RuntimeGlobals = globalThis,
): string | undefined {
  try {
    const value = runtime.process?.env?.[name];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
