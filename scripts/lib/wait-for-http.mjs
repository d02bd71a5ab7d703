// Waits until an HTTP URL answers with a 2xx status (a local server finished starting), or fails after a
// bounded number of attempts. Usage: node wait-for-http.mjs <url> [attempts=100] [delayMs=100]
import { setTimeout as delay } from 'node:timers/promises';

const url = process.argv[2];
const attempts = Number(process.argv[3] ?? 100);
const delayMs = Number(process.argv[4] ?? 100);
if (!url || !/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) {
  console.error('wait-for-http: pass a http://127.0.0.1:<port>/ URL');
  process.exit(2);
}

let lastProblem = 'no attempt made';
for (let attempt = 1; attempt <= attempts; attempt += 1) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (response.ok) process.exit(0);
    lastProblem = `HTTP ${response.status}`;
  } catch (error) {
    lastProblem = error instanceof Error ? error.message : String(error);
  }
  await delay(delayMs);
}
console.error(`wait-for-http: ${url} did not answer after ${attempts} attempts (${lastProblem})`);
process.exit(1);
