import { describe, expect, it } from 'vitest';
import { parseStatCpuMs, processCpuMs } from './process-cpu.js';

describe('parseStatCpuMs', () => {
  it('reads utime + stime after the command name, even when the name holds spaces and parentheses', () => {
    const line = '4242 (node (worker) x) S 1 4242 4242 0 -1 4194304 5000 0 0 0 250 40 0 0 20 0 11 0 100 1 1';
    expect(parseStatCpuMs(line)).toBe(2900);
  });

  it('gives null for a line it cannot read', () => {
    expect(parseStatCpuMs('garbage')).toBeNull();
  });
});

describe('processCpuMs', () => {
  it('gives null for a process that does not exist', () => {
    expect(processCpuMs(2 ** 31 - 1)).toBeNull();
  });
});
