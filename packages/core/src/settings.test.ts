import { describe, expect, it, vi } from 'vitest';
import { restoreStubbedEnvironmentAfterEach, thrownBy } from '../test/environment.test-helpers.js';
import { ConfigError, InputValidationError } from './errors.js';
import { lazySetting, loadSetting, type SettingSource } from './settings.js';

const source: SettingSource = {
  value: undefined,
  environmentVariable: 'ACHBRIDGE_SETTINGS_TEST_VALUE',
  optionName: 'testValue',
  description: 'Test value',
};

restoreStubbedEnvironmentAfterEach();

describe('loadSetting', () => {
  it('prefers the option, then the environment variable', () => {
    vi.stubEnv('ACHBRIDGE_SETTINGS_TEST_VALUE', 'from-env');
    expect(loadSetting({ ...source, value: 'from-option' })).toBe('from-option');
    expect(loadSetting(source)).toBe('from-env');
  });

  it('throws a MISSING_SETTING ConfigError naming the option and the variable', () => {
    vi.stubEnv('ACHBRIDGE_SETTINGS_TEST_VALUE', '');
    const error = thrownBy(() => loadSetting(source));
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).code).toBe('MISSING_SETTING');
    expect((error as ConfigError).message).toContain('testValue');
    expect((error as ConfigError).message).toContain('ACHBRIDGE_SETTINGS_TEST_VALUE');
  });

  it('rejects a malformed source with a typed error naming the field', () => {
    const error = thrownBy(() => loadSetting({ ...source, value: 42 as unknown as string }));
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).field).toBe('value');
  });
});

describe('lazySetting', () => {
  it('reads the environment variable at the first call, not at construction', () => {
    vi.stubEnv('ACHBRIDGE_SETTINGS_TEST_VALUE', '');
    const read = lazySetting(source);
    vi.stubEnv('ACHBRIDGE_SETTINGS_TEST_VALUE', 'set-later');
    expect(read()).toBe('set-later');
  });

  it('rejects a malformed source at construction with a typed error naming the field', () => {
    const error = thrownBy(() => lazySetting({ ...source, environmentVariable: '' }));
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).field).toBe('environmentVariable');
  });
});
