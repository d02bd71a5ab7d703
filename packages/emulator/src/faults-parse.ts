import { EmulatorInputError } from './emulator-errors.js';
import { FAULT_KINDS, type FaultKind, type FaultSpec } from './faults.js';
import {
  readObject,
  readOptionalBoolean,
  readOptionalInteger,
  readOptionalString,
  rejectUnknownKeys,
} from './input-validation.js';

const FAULT_KEYS = [
  'method',
  'path',
  'kind',
  'status',
  'retryAfterSeconds',
  'html',
  'delayMs',
  'times',
  'every',
];
const METHOD_PATTERN = /^(\*|[A-Za-z]+)$/;

/** Validates an untrusted fault description and returns a `FaultSpec`, or throws naming the field. */
export function parseFaultSpec(input: unknown): FaultSpec {
  const value = readObject(input, 'fault');
  rejectUnknownKeys(value, FAULT_KEYS, '');
  const path = value['path'];
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new EmulatorInputError('path', "must be a string starting with '/'");
  }
  const kind = value['kind'];
  if (typeof kind !== 'string' || !FAULT_KINDS.includes(kind as FaultKind)) {
    throw new EmulatorInputError('kind', `must be one of ${FAULT_KINDS.join(', ')}`);
  }
  const method = readOptionalString(value['method'], 'method');
  if (method !== undefined && !METHOD_PATTERN.test(method)) {
    throw new EmulatorInputError('method', "must be an HTTP method name or '*'");
  }
  const spec: FaultSpec = {
    method,
    path,
    kind: kind as FaultKind,
    status: readOptionalInteger(value['status'], 'status', 100, 599),
    retryAfterSeconds: readOptionalInteger(value['retryAfterSeconds'], 'retryAfterSeconds', 0, 86_400),
    html: readOptionalBoolean(value['html'], 'html'),
    delayMs: readOptionalInteger(value['delayMs'], 'delayMs', 0, 600_000),
    times: readOptionalInteger(value['times'], 'times', 1, 1_000_000_000),
    every: readOptionalInteger(value['every'], 'every', 1, 1_000_000_000),
  };
  if (spec.kind === 'status' && spec.status === undefined) {
    throw new EmulatorInputError('status', "is required when kind is 'status'");
  }
  if (spec.kind === 'status' && spec.status !== undefined && spec.status < 400) {
    throw new EmulatorInputError('status', 'must be an error status (400-599)');
  }
  if (spec.kind === 'delay' && spec.delayMs === undefined) {
    throw new EmulatorInputError('delayMs', "is required when kind is 'delay'");
  }
  if (spec.kind !== 'status') {
    for (const key of ['status', 'retryAfterSeconds', 'html'] as const) {
      if (spec[key] !== undefined) throw new EmulatorInputError(key, "is only allowed when kind is 'status'");
    }
  }
  if (spec.kind !== 'delay' && spec.delayMs !== undefined) {
    throw new EmulatorInputError('delayMs', "is only allowed when kind is 'delay'");
  }
  return spec;
}
