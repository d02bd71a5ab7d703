/** Thrown when an option or control input is invalid; `field` names the offending input. */
export class EmulatorInputError extends Error {
  /** Dotted path of the invalid input, e.g. `tuning.webhookTimeoutMs`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'EmulatorInputError';
    this.field = field;
  }
}

/** Thrown by the control client when the control API answers with an error. */
export class EmulatorControlError extends Error {
  /** HTTP status of the control API answer (0 when no answer arrived). */
  readonly status: number;
  /** Machine-readable error code from the control API. */
  readonly code: string;
  /** The invalid input, when the control API named one. */
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'EmulatorControlError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}
