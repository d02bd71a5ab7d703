#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { formatTable } from '../report/format-table.js';

// Where the import time of core + the adapters goes: runs `node --cpu-prof` on the import several times and
// sums each sample by the package of its frame (self time), and by the achbridge module whose top-level
// code is on the stack (time spent evaluating that module: building its schemas, mostly inside zod).
// Run from the repository root after `npm run build`:
//   node bench/dist/experiments/import-profile.js [runs]

const BENCH = fileURLToPath(new URL('../../', import.meta.url));
const IMPORT = "import '@achbridge/core'; import '@achbridge/dwolla'; import '@achbridge/stripe';";
const runs = Number(process.argv[2] ?? 5);

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
      children: z.array(z.number()).optional(),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

function bucketOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.includes('/zod/')) return url.includes('/locales/') ? 'zod locales' : 'zod';
  const achbridge = /\/packages\/([^/]+)\/|@achbridge\/([^/]+)\//.exec(url);
  if (achbridge) return `@achbridge/${achbridge[1] ?? achbridge[2]}`;
  if (url.startsWith('node:')) return 'node internals (module loader, fs, compile)';
  return 'other';
}

function moduleOf(url: string): string {
  return url.replace(/^.*\/packages\//, '');
}

const dir = mkdtempSync(join(tmpdir(), 'achbridge-import-profile-'));
try {
  for (let run = 0; run < runs; run++) {
    const result = spawnSync(
      process.execPath,
      [
        '--cpu-prof',
        `--cpu-prof-dir=${dir}`,
        '--cpu-prof-interval',
        '100',
        '--input-type=module',
        '-e',
        IMPORT,
      ],
      { cwd: BENCH, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    if (result.status !== 0) throw new Error(`import failed: ${result.stderr.toString()}`);
  }
  const self = new Map<string, number>();
  const modules = new Map<string, number>();
  let total = 0;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = profileSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    profile.samples.forEach((id, index) => {
      const ms = (profile.timeDeltas[index] ?? 0) / 1000;
      const leaf = byId.get(id);
      if (!leaf) return;
      total += ms;
      const bucket = bucketOf(leaf.callFrame.url, leaf.callFrame.functionName);
      self.set(bucket, (self.get(bucket) ?? 0) + ms);
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = byId.get(at)?.callFrame;
        if (frame?.functionName !== '' || frame.lineNumber !== 0) continue;
        if (!bucketOf(frame.url, '').startsWith('@achbridge/')) continue;
        const name = moduleOf(frame.url);
        if (seen.has(name)) continue;
        seen.add(name);
        modules.set(name, (modules.get(name) ?? 0) + ms);
      }
    });
  }
  const perRun = (ms: number): string => `${(ms / runs).toFixed(1)} ms`;
  const sorted = (map: Map<string, number>, limit: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, limit);
  process.stdout.write(
    `${runs} profiled imports of core + dwolla + stripe, ${perRun(total)} of samples per run (the profiler slows everything down; read shares)\n\n` +
      `${formatTable(
        ['self time by package', 'per run', 'share'],
        sorted(self, 12).map(([name, ms]) => [name, perRun(ms), `${((ms / total) * 100).toFixed(0)}%`]),
      )}\n\n${formatTable(
        ['evaluating an achbridge module (its top-level code, incl. zod calls)', 'per run'],
        sorted(modules, 15).map(([name, ms]) => [name, perRun(ms)]),
      )}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
