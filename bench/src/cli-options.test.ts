import { describe, expect, it } from 'vitest';
import { parseCliOptions, SECTIONS } from './cli-options.js';

describe('parseCliOptions', () => {
  it('runs every section into results/latest.json by default', () => {
    expect(parseCliOptions([])).toEqual({
      check: false,
      sections: [...SECTIONS],
      out: 'results/latest.json',
    });
  });

  it('check mode runs the client-cost ratios only, into an ignored file', () => {
    expect(parseCliOptions(['--check'])).toEqual({
      check: true,
      sections: ['client-cost'],
      out: 'results/check.tmp.json',
    });
  });

  it('--only picks sections and keeps latest.json untouched', () => {
    expect(parseCliOptions(['--only', 'throughput'])).toEqual({
      check: false,
      sections: ['throughput'],
      out: 'results/throughput.tmp.json',
    });
    expect(parseCliOptions(['--only', 'cold-start,install', '--out', 'x.json']).out).toBe('x.json');
  });

  it('--providers and --rounds narrow a run for quick iterations', () => {
    expect(
      parseCliOptions(['--only', 'client-cost', '--providers', 'dwolla,stripe', '--rounds', '2']),
    ).toEqual({
      check: false,
      sections: ['client-cost'],
      out: 'results/client-cost.tmp.json',
      providers: ['dwolla', 'stripe'],
      rounds: 2,
    });
    expect(() => parseCliOptions(['--providers', 'adyen'])).toThrow(/unknown provider 'adyen'/);
    expect(() => parseCliOptions(['--rounds', '0'])).toThrow(/--rounds: '0'/);
    expect(() => parseCliOptions(['--rounds', 'x'])).toThrow(/--rounds: 'x'/);
  });

  it('names the bad argument', () => {
    expect(() => parseCliOptions(['--only', 'nope'])).toThrow(/unknown section 'nope'/);
    expect(() => parseCliOptions(['--only'])).toThrow(/--only needs a value/);
    expect(() => parseCliOptions(['--fast'])).toThrow(/unknown argument '--fast'/);
  });
});
