import { describe, expect, it } from 'vitest';
import { readApiGroups } from './api-table.js';

describe('readApiGroups', () => {
  it('reads the first-cell identifier of every row, per ### group, up to the next ## section', () => {
    const markdown = [
      '## API',
      'Intro.',
      '### Client',
      '| Export | What |',
      '| --- | --- |',
      '| `createThing(settings?)` | Makes a thing. |',
      "| `Kind` | `'a' \\| 'b'` |",
      '### Testing (`x/testing`)',
      '| Export | What |',
      '| :-- | --- |',
      '| `createSigner()` | Signs. |',
      '## Errors',
      '| Error | When |',
      '| --- | --- |',
      '| `NotAnExport` | ignored: outside the API section |',
    ].join('\n');
    expect(readApiGroups(markdown)).toEqual([
      { heading: 'Client', names: ['createThing', 'Kind'] },
      { heading: 'Testing (`x/testing`)', names: ['createSigner'] },
    ]);
  });

  it('refuses a row whose first cell is not a backticked name, and a missing API section', () => {
    const markdown = [
      '## API',
      '### Client',
      '| Export | What |',
      '| --- | --- |',
      '| createThing | no backticks |',
    ];
    expect(() => readApiGroups(markdown.join('\n'))).toThrow(/line 5: first cell/);
    expect(() => readApiGroups('# Title')).toThrow(/no `## API` section/);
  });
});
