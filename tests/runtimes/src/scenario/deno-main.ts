// Runs the scenario in Deno: `deno run --allow-net=127.0.0.1 deno-main.ts '<config JSON>'`. Deno resolves
// the packages from node_modules with its `deno` condition, so they load their web-platform builds.
import { runScenario, type ScenarioConfig, scenarioPlaid } from './scenario.ts';
import { createWebhookInbox } from './webhook-inbox.ts';

declare const Deno: {
  args: string[];
  serve(
    options: { hostname: string; port: number; onListen?: () => void },
    handler: (request: Request) => Promise<Response>,
  ): { addr: { port: number }; shutdown(): Promise<void> };
  exit(code: number): never;
};

const config = JSON.parse(Deno.args[0] ?? '{}') as ScenarioConfig;
const plaid = scenarioPlaid(config);
const inbox = createWebhookInbox(plaid);
const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, (request) =>
  inbox.handle(request),
);
try {
  const report = await runScenario(
    config,
    plaid,
    inbox,
    `http://127.0.0.1:${server.addr.port}/webhooks/plaid`,
  );
  console.log(JSON.stringify(report));
} finally {
  await server.shutdown();
}
Deno.exit(0);
