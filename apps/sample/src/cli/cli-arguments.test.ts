import { describe, expect, it } from 'vitest';
import { DEMO_HELP, parseDemoArguments } from './cli-arguments.js';

describe('parseDemoArguments', () => {
  it('needs --processor and fills the Sandbox defaults', () => {
    expect(parseDemoArguments(['--processor', 'stripe'])).toEqual({
      kind: 'run',
      options: {
        processor: 'stripe',
        institutionId: 'ins_109508',
        username: 'user_good',
        password: 'pass_good',
      },
    });
    expect(parseDemoArguments([])).toEqual({
      kind: 'error',
      message: '--processor stripe|dwolla|modern-treasury is required',
    });
  });

  it('accepts --flag value and --flag=value', () => {
    expect(
      parseDemoArguments([
        '--processor=dwolla',
        '--institution',
        'ins_109509',
        '--password=error_ITEM_LOCKED',
      ]),
    ).toEqual({
      kind: 'run',
      options: {
        processor: 'dwolla',
        institutionId: 'ins_109509',
        username: 'user_good',
        password: 'error_ITEM_LOCKED',
      },
    });
  });

  it('reports an unknown processor, a malformed institution and unknown flags', () => {
    expect(parseDemoArguments(['--processor', 'paypal'])).toEqual({
      kind: 'error',
      message: '--processor must be stripe, dwolla or modern-treasury',
    });
    const institution = parseDemoArguments(['--processor', 'stripe', '--institution', 'chase']);
    expect(institution).toMatchObject({ kind: 'error', message: expect.stringContaining('--institution') });
    expect(parseDemoArguments(['--processor', 'stripe', '--fast'])).toMatchObject({ kind: 'error' });
    expect(parseDemoArguments(['--processor', 'stripe', 'extra'])).toMatchObject({ kind: 'error' });
  });

  it('prints help', () => {
    expect(parseDemoArguments(['--help'])).toEqual({ kind: 'help', text: DEMO_HELP });
    expect(DEMO_HELP).toContain('npm run demo -- --processor stripe|dwolla|modern-treasury');
    expect(parseDemoArguments(['--processor', 'modern-treasury'])).toMatchObject({
      kind: 'run',
      options: { processor: 'modern-treasury' },
    });
  });
});
