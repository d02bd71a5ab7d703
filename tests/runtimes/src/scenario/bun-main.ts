// Runs the scenario in Bun: `bun bun-main.ts '<config JSON>'`. Bun resolves the packages from
// node_modules with its `bun` condition, so they load their web-platform builds.
import { runScenario, type ScenarioConfig, scenarioPlaid } from './scenario.ts';
import { createWebhookInbox } from './webhook-inbox.ts';

declare const Bun: {
  argv: string[];
  serve(options: { hostname: string; port: number; fetch: (request: Request) => Promise<Response> }): {
    port: number;
    stop(closeActiveConnections?: boolean): Promise<void>;
  };
};

const config = JSON.parse(Bun.argv[2] ?? '{}') as ScenarioConfig;
const plaid = scenarioPlaid(config);
const inbox = createWebhookInbox(plaid);
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: (request) => inbox.handle(request) });
try {
  const report = await runScenario(config, plaid, inbox, `http://127.0.0.1:${server.port}/webhooks/plaid`);
  console.log(JSON.stringify(report));
} finally {
  await server.stop(true);
}
