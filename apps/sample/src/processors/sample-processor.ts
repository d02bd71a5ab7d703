import type {
  AdapterStore,
  PaymentOutcomeUpdate,
  PlaidClient,
  ProcessorRequirements,
  RetrySettings,
} from '@achbridge/core';
import type { EmulatorControlClient } from '@achbridge/emulator';
import type { Hono } from 'hono';
import type { z } from 'zod';
import type { Write } from '../cli/step-printer.js';
import type { FlowOutcome } from '../flows/flow-outcome.js';
import type { LinkSource } from '../flows/flow-schemas.js';
import type { StepDefinition, StepListener } from '../flows/step-runner.js';
import type { ItemStore } from '../items/item-store.js';
import type { LinkAccount } from '../items/linked-item.js';
import type { SampleOutcomes } from '../outcomes/sample-outcomes.js';
import type { SampleProviders } from '../providers/sample-providers.js';
import type { SampleAppDeps } from '../server/app-deps.js';

/** Reads one environment variable (empty and whitespace-only values count as unset). */
export type ReadVariable = (name: string) => string | undefined;

/** What a processor's client factory gets: the Plaid client, where to send calls and the shared settings. */
export interface ProcessorClientContext {
  /** Plaid Sandbox (real or emulated), shared by every processor. */
  plaid: PlaidClient;
  /** The emulator's origin in emulator mode (e.g. `http://127.0.0.1:4010`); undefined against real sandboxes. */
  emulatorUrl: string | undefined;
  /** Retry tuning of the processor's client (tests keep the delays small); undefined keeps the client's default. */
  retry: RetrySettings | undefined;
  /** The durable store adapters record processor links and payments in, when the app has one. */
  store: AdapterStore | undefined;
}

/** The input every processor flow takes: the Item source, the chosen account and the demo customer. */
export interface ProcessorFlowInput {
  runId: string;
  source: LinkSource;
  accountId: string;
  customer: { firstName: string; lastName: string; email: string };
  /** How the customer accepted a debit mandate (the page sends the browser's IP and user agent). */
  acceptance: { ipAddress: string; userAgent: string };
}

/** What the page shows after a successful run: one summary line and the payment it made, if any. */
export interface ProcessorFlowView {
  summary: string;
  /** The payment the run made (its outcome is tracked on the page when the processor has `outcomes`). */
  payment: { id: string; status: string } | null;
}

/** What the CLI demo hands a processor after Link: the providers, the Item and a way to print. */
export interface ProcessorDemoContext {
  providers: SampleProviders;
  items: ItemStore;
  source: LinkSource;
  account: LinkAccount;
  /** Prints each step's progress. */
  listener: StepListener;
  write: Write;
  /** The flow's input (run id `demo-<slug>`, the demo customer, the CLI's mandate acceptance). */
  input: ProcessorFlowInput;
  /** Payment outcome tracking over the same providers. */
  outcomes: SampleOutcomes;
  /** Prints a failed run's error and remediation; returns the exit code 1. */
  fail(outcome: FlowOutcome<unknown>): number;
}

/**
 * One processor of the sample: everything the server, the CLI demo and the page need, so adding a processor is
 * this module plus one line in `registry.ts`.
 */
export interface SampleProcessor<Client = unknown, Keys = unknown, Result = unknown> {
  /** The processor's name in auth-support verdicts, outcomes and recorded calls, e.g. `modern_treasury`. */
  key: string;
  /** The `--processor` value, the `/api/flows/<slug>` route and the page's element id prefix, e.g. `modern-treasury`. */
  slug: string;
  /** The name the page and the CLI show, e.g. `Modern Treasury`. */
  label: string;
  /** The processor's test environment as its docs name it, e.g. `sandbox` or `test mode`. */
  environment: string;
  /** One line for the page's card and the CLI's help: what the flow does. */
  hint: string;
  /** What the processor needs from an institution (the auth-support check combines these). */
  requirements: ProcessorRequirements<string>;
  /** The processor's keys for the real sandbox. */
  keys: {
    /** Every environment variable it reads (listed in `.env.example` and the README). */
    variables: readonly string[];
    /** Reads and checks the keys: undefined when none are set; appends one sentence per problem (never a value). */
    read(variable: ReadVariable, problems: string[]): Keys | undefined;
    /** Why the processor is unavailable in sandbox mode without keys (how to enable it). */
    missing: string;
  };
  /** Builds the processor's client: from the emulator's credentials in emulator mode, else from `keys`. */
  createClient(context: ProcessorClientContext, keys: Keys | undefined): Client | undefined;
  /** The flow the page's button, `POST /api/flows/<slug>` and the CLI run. */
  flow: {
    steps: readonly StepDefinition[];
    /** Runs the flow; `input` is validated by the flow (a `ProcessorFlowInput` from the page or the CLI). */
    run(
      deps: { providers: SampleProviders; items: ItemStore },
      input: unknown,
      listener: StepListener,
    ): Promise<FlowOutcome<Result>>;
    /** The page's summary of a successful run. */
    view(result: Result): ProcessorFlowView;
  };
  /** The CLI demo after Link: runs the flow (and settlement where it applies); resolves to the exit code. */
  demo(context: ProcessorDemoContext): Promise<number>;
  /** Payment outcomes (`/api/outcomes/<key>/:paymentId`, the card's outcome line and its controls). */
  outcomes?: {
    /** Validates a payment id from a URL (normalized form out). */
    paymentId: z.ZodType<string, string>;
    /** Reads the payment and maps it to an outcome update. */
    read(providers: SampleProviders, paymentId: string): Promise<PaymentOutcomeUpdate>;
    /** Emulator only: the bank returns the payment with an ACH return code (through the control API). */
    returnPayment(control: EmulatorControlClient, paymentId: string, code: string): Promise<unknown>;
    /** Whether the card offers "Simulate settlement" (the emulator's clock moves the payment). */
    settleControl: boolean;
    /** The statuses from which the card offers "Simulate return R01". */
    returnableStatuses: readonly string[];
  };
  /** Extra routes the processor's card uses (e.g. Stripe's payment status and settlement). */
  routes?(app: Hono, deps: SampleAppDeps): void;
  /** Extra step lists the page needs, by name (e.g. Stripe's `settle`). */
  extraSteps?: Readonly<Record<string, readonly StepDefinition[]>>;
}
