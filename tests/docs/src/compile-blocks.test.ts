import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileBlocks } from './compile-blocks.js';

const SCRATCH = fileURLToPath(new URL('../.generated/compile-blocks-test', import.meta.url));

describe('compileBlocks', () => {
  it('compiles valid blocks with their preambles to JavaScript', async () => {
    const result = await compileBlocks({
      blocks: [
        {
          name: 'ok',
          code: "import { REDACTED } from '@achbridge/core';\nexport const shown: string = REDACTED + publicToken.length;\n",
          firstLine: 10,
        },
      ],
      preambles: { ok: 'declare const publicToken: string;' },
      directory: join(SCRATCH, 'valid'),
      markdownFile: 'DOC.md',
    });
    expect(result).toEqual({ exitCode: 0, diagnostics: '', outDirectory: join(SCRATCH, 'valid', 'out') });
    expect(existsSync(join(result.outDirectory, 'ok.js'))).toBe(true);
    expect(readFileSync(join(SCRATCH, 'valid', 'ok.ts'), 'utf8')).toContain(
      'declare const publicToken: string;',
    );
  });

  it('fails with diagnostics that point at the Markdown line, or at the preamble', async () => {
    const result = await compileBlocks({
      blocks: [
        {
          name: 'typo',
          code: "import { createPlaidClient } from '@achbridge/core';\n\ncreatePlaidClient({ enviroment: 'sandbox' });\n",
          firstLine: 40,
        },
        { name: 'bad-preamble', code: 'export const value = 1;\n', firstLine: 90 },
      ],
      preambles: { 'bad-preamble': 'declare const broken: NoSuchType;' },
      directory: join(SCRATCH, 'invalid'),
      markdownFile: 'DOC.md',
    });
    expect(result.exitCode).not.toBe(0);
    expect(result.diagnostics).toMatch(/^DOC\.md:42:\d+ \(block 'typo'\): error TS\d+: .*enviroment/m);
    expect(result.diagnostics).toMatch(
      /^preamble of block 'bad-preamble' \(line \d+\): error TS2304: .*NoSuchType/m,
    );
    // noEmitOnError: nothing half-compiled is left to import.
    expect(existsSync(join(result.outDirectory, 'typo.js'))).toBe(false);
  });
});
