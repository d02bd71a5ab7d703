export type { InboxJob, InboxJobDefinition } from './inbox-job.js';
export {
  createJobEngine,
  type JobDefinition,
  type JobEngine,
  type JobEngineOptions,
  type JobEngineStopOptions,
} from './job-engine.js';
export type {
  EnqueueResult,
  JobContext,
  JobSettings,
  JobStatus,
  KeyedJob,
  WorkOptions,
} from './keyed-job.js';
