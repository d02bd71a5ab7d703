import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

// Preloaded with `node --import`: counts the files the process loads (ESM through loader hooks, CommonJS
// through require.cache) and prints them as one `LOADED {json}` line on stderr at exit.
const { port1, port2 } = new MessageChannel();
const files = new Set<string>();
port1.on('message', (url: string) => files.add(url));
port1.unref();
register(new URL('./count-loads-hooks.js', import.meta.url), {
  data: { port: port2 },
  transferList: [port2],
});
process.on('exit', () => {
  for (const path of Object.keys(createRequire(import.meta.url).cache)) files.add(pathToFileURL(path).href);
  const list = [...files];
  process.stderr.write(
    `LOADED ${JSON.stringify({ files: list.length, zod: list.filter((url) => url.includes('/node_modules/zod/')).length })}\n`,
  );
});
