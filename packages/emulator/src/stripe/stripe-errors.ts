/** Stripe error `type` values the emulator answers with. */
export type StripeErrorType =
  | 'invalid_request_error'
  | 'idempotency_error'
  | 'api_error'
  | 'rate_limit_error'
  | 'authentication_error'
  | 'card_error';

/** The fields of a Stripe `{"error": {...}}` body. */
export interface StripeErrorFields {
  type: StripeErrorType;
  message: string;
  code?: string | undefined;
  param?: string | undefined;
  /** Extra contextual fields such as `payment_intent` or `setup_intent`. */
  extra?: Record<string, unknown> | undefined;
}

/**
 * When the error happened: `validation` errors are never stored for idempotent replay,
 * `execution` errors are (Stripe saves results once an endpoint begins executing).
 */
export type StripeErrorPhase = 'validation' | 'execution';

/** A Stripe API error raised by a handler and turned into a Stripe-shaped response by the module. */
export class StripeApiError extends Error {
  /** HTTP status to answer with. */
  readonly status: number;
  /** The body fields. */
  readonly fields: StripeErrorFields;
  /** Whether the error is stored for idempotent replay. */
  readonly phase: StripeErrorPhase;

  constructor(status: number, fields: StripeErrorFields, phase: StripeErrorPhase = 'validation') {
    super(fields.message);
    this.name = 'StripeApiError';
    this.status = status;
    this.fields = fields;
    this.phase = phase;
  }
}

/** Builds the JSON body Stripe sends for an error, including `doc_url` when there is a code. */
export function stripeErrorBody(fields: StripeErrorFields): { error: Record<string, unknown> } {
  const error: Record<string, unknown> = {};
  if (fields.code !== undefined) {
    error['code'] = fields.code;
    error['doc_url'] = `https://stripe.com/docs/error-codes/${fields.code.replaceAll('_', '-')}`;
  }
  error['message'] = fields.message;
  if (fields.param !== undefined) error['param'] = fields.param;
  error['type'] = fields.type;
  if (fields.extra !== undefined) Object.assign(error, fields.extra);
  return { error };
}

/** 400 `parameter_missing` for a required parameter. */
export function parameterMissing(param: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    code: 'parameter_missing',
    param,
    message: `Missing required param: ${param}.`,
  });
}

/** 400 `parameter_unknown` for a parameter the endpoint does not accept. */
export function parameterUnknown(param: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    code: 'parameter_unknown',
    param,
    message: `Received unknown parameter: ${param}`,
  });
}

/** 400 `parameter_invalid_integer` for a value that is not a valid integer. */
export function parameterInvalidInteger(param: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    code: 'parameter_invalid_integer',
    param,
    message: `Invalid integer: ${param}`,
  });
}

/** 400 `parameter_invalid_empty` for an empty string where a value is required. */
export function parameterInvalidEmpty(param: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    code: 'parameter_invalid_empty',
    param,
    message: `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
  });
}

/** 400 generic `invalid_request_error` naming the parameter (bad enum value, bad shape, ...). */
export function invalidParameter(param: string, message: string, code?: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code, param, message });
}

/** `resource_missing` for an unknown id: 404 when it is the path id, 400 when it came in a parameter. */
export function resourceMissing(
  objectWord: string,
  id: string,
  param: string,
  options: { inPath: boolean; otherModeExists?: 'test' | 'live' | undefined },
): StripeApiError {
  let message = `No such ${objectWord}: '${id}'`;
  if (options.otherModeExists === 'test') {
    message += '; a similar object exists in test mode, but a live mode key was used to make this request.';
  } else if (options.otherModeExists === 'live') {
    message += '; a similar object exists in live mode, but a test mode key was used to make this request.';
  }
  return new StripeApiError(
    options.inPath ? 404 : 400,
    { type: 'invalid_request_error', code: 'resource_missing', param, message },
    'execution',
  );
}
