import { describe, expect, it } from 'vitest';
import {
  loadPlaidErrorTable,
  renderCorePlaidErrorTable,
  renderEmulatorPlaidErrorTable,
} from './plaid-error-table.js';

describe('the Plaid error table', () => {
  const rows = loadPlaidErrorTable();

  it('holds every code once, with advice for every code core explains', () => {
    expect(new Set(rows.map((row) => row.code)).size).toBe(rows.length);
    expect(rows.map((row) => row.code)).toContain('ITEM_LOGIN_REQUIRED');
    for (const row of rows.filter((r) => r.remediation !== null)) {
      expect(row.category, row.code).not.toBeNull();
      expect(row.when?.length, row.code).toBeGreaterThan(0);
    }
  });

  it('gives core the rows with advice and the emulator the rows with a status and a message', () => {
    const core = renderCorePlaidErrorTable(rows);
    const emulator = renderEmulatorPlaidErrorTable(rows);
    for (const row of rows) {
      expect(core.includes(`  ${row.code}: {`), row.code).toBe(row.remediation !== null);
      expect(emulator.includes(`  ${row.code}: {`), row.code).toBe(
        row.status !== null && row.message !== null,
      );
    }
    expect(emulator).not.toContain('remediation');
    expect(core).not.toContain('status:');
  });
});
