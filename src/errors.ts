// The project's one error family: every thrown error carries a stable code and an HTTP status.

/** Base class: known failures with a code that callers (HTTP handler, CLI) can map. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 500,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that does not follow the contract: 400 over HTTP, exit code 2 in the CLI. */
export class InvalidInputError extends AppError {
  constructor(message: string, code = 'invalid_input', status = 400) {
    super(code, message, status);
  }
}
