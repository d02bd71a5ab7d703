import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type CompileBlocksResult, compileBlocks } from './compile-blocks.js';
import { extractTypeScriptBlocks, type ReadmeBlock } from './readme-blocks.js';
import { CORE_README_PREAMBLES } from './readme-preambles.js';

const README = fileURLToPath(new URL('../../../packages/core/README.md', import.meta.url));
const GENERATED = fileURLToPath(new URL('../.generated/core-readme', import.meta.url));

let blocks: ReadmeBlock[];
let compiled: CompileBlocksResult;

beforeAll(async () => {
  blocks = extractTypeScriptBlocks(readFileSync(README, 'utf8'), 'packages/core/README.md');
  compiled = await compileBlocks({
    blocks,
    preambles: CORE_README_PREAMBLES,
    directory: GENERATED,
    markdownFile: 'packages/core/README.md',
  });
});

describe('packages/core/README.md TypeScript blocks', () => {
  it('are each named, and each name has a preamble entry (and each entry a block)', () => {
    expect(blocks.map((block) => block.name).sort()).toEqual(Object.keys(CORE_README_PREAMBLES).sort());
  });

  it('compile with strict TypeScript (NodeNext) against the built packages', () => {
    expect(compiled.diagnostics).toBe('');
    expect(compiled.exitCode).toBe(0);
  });

  it('the test-signer block runs: the verifier accepts what the signer signed', async () => {
    expect(compiled.exitCode, compiled.diagnostics).toBe(0);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import(pathToFileURL(join(compiled.outDirectory, 'core-test-signer.js')).href);
      expect(log).toHaveBeenCalledWith('ITEM.LOGIN_REPAIRED');
    } finally {
      log.mockRestore();
    }
  });
});
