import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { createUuid } from '../ids.js';
import type { WebhookAttemptView, WebhookDeliveryView } from '../types.js';
import { postWebhook, type WebhookPost, type WebhookPostResult } from './webhook-post.js';
import { resolveWebhookTarget } from './webhook-url.js';

/** Attempts per webhook: the first try plus two retries (Plaid's FAQ rule; the emulator uses it for Dwolla too). */
export const WEBHOOK_MAX_ATTEMPTS = 3;

/** How often retries that wait for the emulated clock are checked, in real ms. */
const WAITING_POLL_MS = 100;

/** One webhook to deliver. */
export interface WebhookMessage {
  eventId: string;
  /** Plaid `webhook_type`, or null. */
  type: string | null;
  /** Plaid `webhook_code` or Dwolla topic. */
  code: string;
  url: string;
  subscriptionId: string | null;
  /** The exact body bytes (as text) every attempt sends. */
  body: string;
  /** Headers of one attempt, built when it starts (Plaid signs each attempt with a fresh `iat`). */
  headers(attempt: number): Record<string, string>;
}

/** How a deliverer sends and retries. */
export interface WebhookDelivererSettings {
  /** The sending module's name (an open string, e.g. `plaid`). */
  provider: string;
  /** Delay between a failed attempt and the next one. */
  retryDelayMs: number;
  /** How long a receiver may take to answer before the attempt counts as a timeout. */
  timeoutMs: number;
  /** The emulated clock, for the timestamps in the records. */
  now(): number;
  /** Whether an HTTP status counts as delivered (Plaid: exactly 200; Dwolla: any 2xx). */
  accepts(status: number): boolean;
  /** Attempts per webhook (default 3); ignored with a `retrySchedule`. */
  maxAttempts?: number;
  /**
   * The provider's own schedule: the delay before each retry, on the emulated clock (a retry is due when
   * the clock, which follows real time plus every advance, reaches the failed attempt's time plus the
   * delay). Without it, retries come `retryDelayMs` apart in real time, up to `maxAttempts`.
   */
  retrySchedule?: readonly number[] | undefined;
  /** The HTTP transport (default node:http); injectable for unit tests. */
  post?: WebhookPost;
}

/** Sends webhooks in the background, retries failures and records every attempt. */
export interface WebhookDeliverer {
  /** Starts delivering `message` (the first attempt runs on the next tick) and returns its record. */
  deliver(message: WebhookMessage): WebhookDeliveryView;
  /** Every delivery so far, oldest first (copies). */
  list(): WebhookDeliveryView[];
  /** Resolves once no delivery is pending (every one delivered, failed or skipped). */
  idle(): Promise<void>;
  /** Cancels scheduled retries and in-flight POSTs and forgets every record. */
  reset(): void;
  /** Cancels everything like `reset` but keeps the records; later webhooks are recorded as skipped. */
  close(): void;
}

interface DeliveryRecord extends WebhookDeliveryView {
  message: WebhookMessage;
}

function copyOf(record: DeliveryRecord): WebhookDeliveryView {
  const { message: _message, attempts, ...view } = record;
  return { ...view, attempts: attempts.map((attempt) => ({ ...attempt })) };
}

function attemptOf(
  result: WebhookPostResult,
  attempt: number,
  startedAt: string,
  accepts: (status: number) => boolean,
): WebhookAttemptView {
  if (result.kind === 'answered') {
    return {
      attempt,
      startedAt,
      outcome: accepts(result.status) ? 'delivered' : 'http_error',
      status: result.status,
      error: null,
    };
  }
  if (result.kind === 'timeout') {
    return { attempt, startedAt, outcome: 'timeout', status: null, error: 'no answer in time' };
  }
  return { attempt, startedAt, outcome: 'network_error', status: null, error: result.message };
}

/** Creates a deliverer for one provider. */
export function createWebhookDeliverer(settings: WebhookDelivererSettings): WebhookDeliverer {
  const post = settings.post ?? postWebhook;
  const schedule = settings.retrySchedule;
  const maxAttempts =
    schedule === undefined ? (settings.maxAttempts ?? WEBHOOK_MAX_ATTEMPTS) : schedule.length + 1;
  // Retries waiting for the emulated clock; one poll checks them while any wait.
  const waiting: Array<{ dueAt: number; run: () => void }> = [];
  let poll: NodeJS.Timeout | undefined;
  const records: DeliveryRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const controllers = new Set<AbortController>();
  let waiters: Array<() => void> = [];
  let pending = 0;
  let generation = 0;
  let closed = false;
  const iso = () => new Date(settings.now()).toISOString();

  function wakeIfIdle(): void {
    if (pending > 0) return;
    const ready = waiters;
    waiters = [];
    for (const wake of ready) wake();
  }

  function settle(): void {
    pending -= 1;
    wakeIfIdle();
  }

  function later(run: () => void, ms: number): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  }

  function runDue(): void {
    const now = settings.now();
    const due = waiting.filter((entry) => entry.dueAt <= now);
    for (const entry of due) waiting.splice(waiting.indexOf(entry), 1);
    if (waiting.length === 0 && poll !== undefined) {
      clearInterval(poll);
      poll = undefined;
    }
    for (const entry of due) entry.run();
  }

  function atEmulatedTime(run: () => void, delayMs: number): void {
    waiting.push({ dueAt: settings.now() + delayMs, run });
    poll ??= setInterval(runDue, WAITING_POLL_MS);
  }

  function runAttempt(record: DeliveryRecord, url: URL, attempt: number, owner: number): void {
    const startedAt = iso();
    const controller = new AbortController();
    controllers.add(controller);
    let headers: Record<string, string>;
    try {
      headers = record.message.headers(attempt);
    } catch (error) {
      controllers.delete(controller);
      record.attempts.push({
        attempt,
        startedAt,
        outcome: 'network_error',
        status: null,
        error: `could not prepare the request: ${error instanceof Error ? error.message : String(error)}`,
      });
      record.status = 'failed';
      settle();
      return;
    }
    const sent = post({
      url,
      body: record.message.body,
      headers,
      timeoutMs: settings.timeoutMs,
      signal: controller.signal,
    }).catch(
      (error: unknown): WebhookPostResult => ({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error),
      }),
    );
    void sent.then((result) => {
      controllers.delete(controller);
      if (owner !== generation) return;
      const done = attemptOf(result, attempt, startedAt, settings.accepts);
      record.attempts.push(done);
      if (done.outcome === 'delivered' || attempt >= maxAttempts) {
        record.status = done.outcome === 'delivered' ? 'delivered' : 'failed';
        settle();
        return;
      }
      const next = () => runAttempt(record, url, attempt + 1, owner);
      if (schedule === undefined) later(next, settings.retryDelayMs);
      else atEmulatedTime(next, schedule[attempt - 1] ?? 0);
    });
  }

  function cancelAll(): void {
    generation += 1;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    waiting.length = 0;
    if (poll !== undefined) clearInterval(poll);
    poll = undefined;
    for (const controller of controllers) controller.abort();
    controllers.clear();
    pending = 0;
    wakeIfIdle();
  }

  return {
    deliver(message) {
      const target = resolveWebhookTarget(message.url);
      const record: DeliveryRecord = {
        id: createUuid(),
        provider: settings.provider,
        eventId: message.eventId,
        type: message.type,
        code: message.code,
        url: message.url,
        subscriptionId: message.subscriptionId,
        status: target.ok && !closed ? 'pending' : 'skipped',
        skippedReason: target.ok ? (closed ? 'the emulator is closed' : null) : target.reason,
        createdAt: iso(),
        attempts: [],
        message,
      };
      records.push(record);
      if (record.status === 'pending' && target.ok) {
        pending += 1;
        const owner = generation;
        later(() => runAttempt(record, target.url, 1, owner), 0);
      }
      return copyOf(record);
    },
    list: () => records.map(copyOf),
    idle() {
      if (pending === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    reset() {
      cancelAll();
      records.length = 0;
    },
    close() {
      closed = true;
      cancelAll();
    },
  };
}
