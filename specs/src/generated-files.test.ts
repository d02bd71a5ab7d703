import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderGeneratedFiles } from './generated-files.js';

const root = new URL('../../', import.meta.url);

describe('generated files', () => {
  const files = renderGeneratedFiles();

  it('covers the core and emulator copies of the Plaid error table and country list, and the processor names', () => {
    expect(files.map((file) => file.path)).toEqual([
      'packages/core/src/plaid/plaid-error-table.generated.ts',
      'packages/emulator/src/plaid/plaid-error-table.generated.ts',
      'packages/core/src/plaid/plaid-country-codes.generated.ts',
      'packages/emulator/src/plaid/plaid-country-codes.generated.ts',
      'packages/core/src/plaid/plaid-processor-names.generated.ts',
      'packages/emulator/src/plaid/plaid-processor-names.generated.ts',
    ]);
  });

  for (const file of files) {
    it(`${file.path} matches its source (run npm run generate -w @achbridge/specs)`, () => {
      expect(readFileSync(new URL(file.path, root), 'utf8')).toBe(file.content);
    });
  }
});
