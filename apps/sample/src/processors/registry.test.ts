import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HELP, parseDemoArguments } from '../cli/cli-arguments.js';
import { parseSampleConfig, SAMPLE_ENV_VARIABLES } from '../config/load-config.js';
import { createSampleProviders } from '../providers/sample-providers.js';
import { type RunningSampleServer, startSampleServer } from '../server/start-sample-server.js';
import { processorByKey, processorBySlug, SAMPLE_PROCESSORS } from './registry.js';

// The registry is the only list of processors: every part of the sample (config, providers, routes, /api/info,
// the page's cards, the CLI) iterates it, so a processor registered here is offered everywhere.

let server: RunningSampleServer;
beforeAll(async () => {
  server = await startSampleServer({
    config: { ...parseSampleConfig({}), port: 0 },
    tuning: { retry: { initialDelayMs: 1 } },
  });
});
afterAll(() => server.close());

describe('the sample processor registry', () => {
  it('has unique keys and slugs', () => {
    const keys = SAMPLE_PROCESSORS.map((processor) => processor.key);
    const slugs = SAMPLE_PROCESSORS.map((processor) => processor.slug);
    expect(keys).toEqual(expect.arrayContaining(['stripe', 'dwolla', 'modern_treasury']));
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const processor of SAMPLE_PROCESSORS) {
      expect(processor.slug).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(processor.key).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(processor.requirements.processor).toBe(processor.key);
      expect(processorBySlug(processor.slug)).toBe(processor);
      expect(processorByKey(processor.key)).toBe(processor);
    }
  });

  it.each(SAMPLE_PROCESSORS.map((processor) => [processor.key, processor] as const))(
    '%s: its variables are read, documented in .env.example and enable it in sandbox mode',
    async (_key, processor) => {
      const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
      for (const name of processor.keys.variables) {
        expect(SAMPLE_ENV_VARIABLES).toContain(name);
        expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
      }
      // Sandbox mode without the processor's keys: no client, and the reason says how to enable it.
      const providers = await createSampleProviders(
        parseSampleConfig({ PLAID_CLIENT_ID: 'client-id-registry', PLAID_SECRET: 'plaid-secret-registry' }),
      );
      expect(providers.processors[processor.key]).toEqual({
        client: undefined,
        unavailable: processor.keys.missing,
      });
      // Only some of its variables: one sentence naming the missing one.
      if (processor.keys.variables.length > 1) {
        const [first] = processor.keys.variables;
        expect(() =>
          parseSampleConfig({
            PLAID_CLIENT_ID: 'client-id-registry',
            PLAID_SECRET: 'plaid-secret-registry',
            [first as string]: 'value-registry-1234',
          }),
        ).toThrow(processor.keys.variables[1] as string);
      }
    },
  );

  it.each(SAMPLE_PROCESSORS.map((processor) => [processor.key, processor] as const))(
    '%s: /api/info lists its card and steps, its flow route validates, and the CLI offers it',
    async (_key, processor) => {
      const info = (await (await server.app.request('/api/info')).json()) as {
        processors: Record<string, { slug: string; label: string; available: boolean }>;
        steps: Record<string, { id: string }[]>;
      };
      expect(info.processors[processor.key]).toMatchObject({
        slug: processor.slug,
        label: processor.label,
        available: true,
      });
      expect(info.steps[processor.key]?.map((step) => step.id)).toEqual(
        processor.flow.steps.map((step) => step.id),
      );
      const route = await server.app.request(`/api/flows/${processor.slug}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ runId: 'registry-check' }),
      });
      expect(route.status).toBe(400);
      const body = (await route.json()) as { ok: boolean; error: { code: string } };
      expect(body).toMatchObject({ ok: false, error: { code: 'INPUT_VALIDATION_ERROR' } });
      expect(parseDemoArguments(['--processor', processor.slug])).toMatchObject({
        kind: 'run',
        options: { processor: processor.slug },
      });
      expect(DEMO_HELP).toContain(`${processor.label}: ${processor.hint}`);
    },
  );
});
