import { describe, expect, it } from 'vitest';
import { runtimeBinary, runtimeCommand } from './runtime-commands.js';

describe('runtimeCommand', () => {
  it('gives a node worker --expose-gc and a node cold-start script no flag', () => {
    expect(runtimeCommand('node', 'w.js', { args: ['stripe', 'fetch'], worker: true })).toEqual({
      command: process.execPath,
      args: ['--expose-gc', 'w.js', 'stripe', 'fetch'],
    });
    expect(runtimeCommand('node', 'c.js')).toEqual({ command: process.execPath, args: ['c.js'] });
  });

  it('gives a Deno worker network access to 127.0.0.1 only, and a cold-start script no permission', () => {
    const binary = runtimeBinary('deno');
    if (binary === undefined) throw new Error('deno is a dev dependency of tests/runtimes; run npm ci');
    expect(runtimeCommand('deno', 'w.js', { args: ['dwolla', 'achbridge'], worker: true })).toEqual({
      command: binary,
      args: [
        'run',
        '--no-lock',
        '--no-prompt',
        '--allow-net=127.0.0.1',
        '--v8-flags=--expose-gc',
        'w.js',
        'dwolla',
        'achbridge',
      ],
    });
    expect(runtimeCommand('deno', 'c.js')?.args).toEqual(['run', '--no-lock', '--no-prompt', 'c.js']);
  });

  it('runs Bun scripts as they are', () => {
    const binary = runtimeBinary('bun');
    if (binary === undefined) throw new Error('bun is a dev dependency of tests/runtimes; run npm ci');
    expect(runtimeCommand('bun', 'w.js', { args: ['stripe', 'achbridge'], worker: true })).toEqual({
      command: binary,
      args: ['w.js', 'stripe', 'achbridge'],
    });
  });
});
