import { describe, expect, it } from 'vitest';
import { formatTable } from './format-table.js';

describe('formatTable', () => {
  it('pads the first column left-aligned and the rest right-aligned under a rule', () => {
    expect(
      formatTable(
        ['variant', 'CPU'],
        [
          ['achbridge', '1.2 ms'],
          ['raw', '10.5 ms'],
        ],
      ),
    ).toBe(
      ['variant        CPU', '---------  -------', 'achbridge   1.2 ms', 'raw        10.5 ms'].join('\n'),
    );
  });
});
