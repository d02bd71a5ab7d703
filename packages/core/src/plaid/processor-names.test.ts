import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  isKnownProcessorName,
  KNOWN_PROCESSOR_NAMES,
  type KnownProcessorName,
  type ProcessorName,
} from './processor-names.js';

/** The OpenAPI subset the list is generated from (specs/ workspace, in this repository). */
const subset = JSON.parse(
  readFileSync(new URL('../../../../specs/openapi/plaid.openapi.json', import.meta.url), 'utf8'),
) as { components: { schemas: Record<string, { properties: Record<string, { enum: string[] }> }> } };
const sdk = JSON.parse(
  readFileSync(new URL('../../../../specs/data/plaid-processor-names-sdk.json', import.meta.url), 'utf8'),
) as { names: string[] };

describe('KNOWN_PROCESSOR_NAMES', () => {
  // Sources: plaid-openapi 2020-09-14.yml 1.697.4 ProcessorTokenCreateRequest.processor.enum (the specs/ subset)
  // and plaid npm 47.0.0 ProcessorTokenCreateRequestProcessorEnum (specs/data/plaid-processor-names-sdk.json).
  it("is exactly the spec subset's processor enum plus the plaid 47 SDK's names", () => {
    const spec =
      subset.components.schemas['ProcessorTokenCreateRequest']?.properties['processor']?.enum ?? [];
    expect(spec.length).toBeGreaterThan(50);
    expect(new Set(KNOWN_PROCESSOR_NAMES)).toEqual(new Set([...spec, ...sdk.names]));
    expect(KNOWN_PROCESSOR_NAMES).toHaveLength(new Set(KNOWN_PROCESSOR_NAMES).size);
    expect(KNOWN_PROCESSOR_NAMES).toContain('seamlessach');
    expect(KNOWN_PROCESSOR_NAMES).toContain('paynote');
  });

  it('tells known names from others without refusing any string', () => {
    expect(isKnownProcessorName('dwolla')).toBe(true);
    expect(isKnownProcessorName('modern_treasury')).toBe(true);
    expect(isKnownProcessorName('a_partner_plaid_added_tomorrow')).toBe(false);
    expectTypeOf<'dwolla'>().toExtend<KnownProcessorName>();
    expectTypeOf<'a_partner_plaid_added_tomorrow'>().not.toExtend<KnownProcessorName>();
    // ProcessorName is open: any string is assignable, and the known names stay in the union for editors.
    expectTypeOf<'a_partner_plaid_added_tomorrow'>().toExtend<ProcessorName>();
    expectTypeOf<KnownProcessorName>().toExtend<ProcessorName>();
  });
});
