import { rolldown } from 'rolldown';

/** The conditions wrangler uses for a Worker; `browser` is deliberately absent (secrets stay server-side). */
export const WORKER_CONDITIONS = ['workerd', 'worker', 'import', 'default'];

/** A Worker bundled from the packages' built exports, and what the bundle graph contains. */
export interface WorkerBundle {
  /** The single ES module workerd runs. */
  code: string;
  /** Every source module in the bundle (absolute paths). */
  modules: string[];
  /** Every import left outside the bundle (static or dynamic), e.g. a `node:` builtin. */
  externalImports: string[];
}

/**
 * Bundles `entry` as wrangler would for workerd: ES module output, the Worker conditions, one file (the
 * Stripe SDK's lazy import inlined). `node:` builtins are kept external so the scan can see them.
 */
export async function bundleWorker(entry: string): Promise<WorkerBundle> {
  const externals = new Set<string>();
  const bundle = await rolldown({
    input: entry,
    platform: 'neutral',
    logLevel: 'silent',
    resolve: { conditionNames: WORKER_CONDITIONS, mainFields: ['module', 'main'] },
    external: (id) => {
      if (id.startsWith('node:')) {
        externals.add(id);
        return true;
      }
      return false;
    },
  });
  try {
    const { output } = await bundle.generate({ format: 'esm', codeSplitting: false });
    const chunk = output.find((item) => item.type === 'chunk');
    if (chunk?.type !== 'chunk') throw new Error('rolldown produced no chunk');
    // A lazy import inlined into the single chunk is listed as an import of the chunk itself.
    for (const id of [...chunk.imports, ...chunk.dynamicImports])
      if (id !== chunk.fileName) externals.add(id);
    return { code: chunk.code, modules: Object.keys(chunk.modules), externalImports: [...externals].sort() };
  } finally {
    await bundle.close();
  }
}
