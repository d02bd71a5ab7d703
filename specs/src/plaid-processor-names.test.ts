import { describe, expect, it } from 'vitest';
import {
  mergeProcessorNames,
  readSdkProcessorNames,
  readSpecProcessorNames,
} from './plaid-processor-names.js';

describe('Plaid processor names', () => {
  // Sources: plaid-openapi 2020-09-14.yml 1.697.4, ProcessorTokenCreateRequest.processor.enum (the subset keeps
  // it); plaid npm 47.0.0 dist/api.d.ts ProcessorTokenCreateRequestProcessorEnum (copied into data/).
  it('merges the spec enum and the SDK enum: paynote (spec) and its successor seamlessach (plaid 47) both stay', () => {
    const spec = readSpecProcessorNames();
    const sdk = readSdkProcessorNames();
    expect(spec).toContain('paynote');
    expect(spec).not.toContain('seamlessach');
    expect(sdk).toContain('seamlessach');
    const merged = mergeProcessorNames(spec, sdk);
    expect(merged.slice(0, spec.length)).toEqual(spec);
    expect(new Set(merged)).toEqual(new Set([...spec, ...sdk]));
    expect(merged).toHaveLength(new Set(merged).size);
  });

  it('lists no stripe value: Stripe integrations use /processor/stripe/bank_account_token/create', () => {
    // The spec's /processor/token/create description: "Note that Stripe partnerships use bank account tokens
    // instead; see /processor/stripe/bank_account_token/create".
    expect(mergeProcessorNames(readSpecProcessorNames(), readSdkProcessorNames())).not.toContain('stripe');
  });
});
