import { readPlaidCountryCodes, renderPlaidCountryCodes } from './plaid-country-codes.js';
import {
  loadPlaidErrorTable,
  renderCorePlaidErrorTable,
  renderEmulatorPlaidErrorTable,
} from './plaid-error-table.js';
import {
  mergeProcessorNames,
  readSdkProcessorNames,
  readSpecProcessorNames,
  renderPlaidProcessorNames,
} from './plaid-processor-names.js';

/** A file the specs workspace generates, with its path relative to the repository root. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** Every generated file with the content its source implies today. */
export function renderGeneratedFiles(): GeneratedFile[] {
  const rows = loadPlaidErrorTable();
  const countries = renderPlaidCountryCodes(readPlaidCountryCodes());
  const processors = renderPlaidProcessorNames(
    mergeProcessorNames(readSpecProcessorNames(), readSdkProcessorNames()),
  );
  return [
    {
      path: 'packages/core/src/plaid/plaid-error-table.generated.ts',
      content: renderCorePlaidErrorTable(rows),
    },
    {
      path: 'packages/emulator/src/plaid/plaid-error-table.generated.ts',
      content: renderEmulatorPlaidErrorTable(rows),
    },
    { path: 'packages/core/src/plaid/plaid-country-codes.generated.ts', content: countries },
    { path: 'packages/emulator/src/plaid/plaid-country-codes.generated.ts', content: countries },
    { path: 'packages/core/src/plaid/plaid-processor-names.generated.ts', content: processors },
    { path: 'packages/emulator/src/plaid/plaid-processor-names.generated.ts', content: processors },
  ];
}
