import { describe, expect, it } from 'vitest';
import { parseCliArguments } from './cli-arguments.js';

describe('parseCliArguments', () => {
  it('reads --port and --host in both spellings', () => {
    expect(parseCliArguments([])).toEqual({ kind: 'run', options: {} });
    expect(parseCliArguments(['--port', '0'])).toEqual({ kind: 'run', options: { port: 0 } });
    expect(parseCliArguments(['--port=4010', '--host=0.0.0.0'])).toEqual({
      kind: 'run',
      options: { port: 4010, host: '0.0.0.0' },
    });
  });

  it('reads --state-file in both spellings', () => {
    expect(parseCliArguments(['--state-file', 'data/emulator.json'])).toEqual({
      kind: 'run',
      options: { stateFile: 'data/emulator.json' },
    });
    expect(parseCliArguments(['--state-file=state.json', '--port', '0'])).toEqual({
      kind: 'run',
      options: { stateFile: 'state.json', port: 0 },
    });
    expect(parseCliArguments(['--state-file'])).toMatchObject({ kind: 'error' });
  });

  it('rejects bad input with a message and shows help on --help', () => {
    expect(parseCliArguments(['--port'])).toMatchObject({ kind: 'error' });
    expect(parseCliArguments(['--port', 'abc'])).toMatchObject({ kind: 'error' });
    expect(parseCliArguments(['--port', '70000'])).toMatchObject({ kind: 'error' });
    expect(parseCliArguments(['--verbose'])).toMatchObject({ kind: 'error' });
    expect(parseCliArguments(['--help'])).toMatchObject({ kind: 'help' });
  });
});
