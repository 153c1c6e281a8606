// HTTP-flavoured AppError subclasses the web routers throw; the one error handler turns each into status + JSON.
import { AppError } from '../errors.js';

export class UnauthorizedError extends AppError {
  constructor(message = 'a valid bearer token is required', code = 'unauthorized') {
    super(code, message, 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'this token does not open that conversation', code = 'forbidden') {
    super(code, message, 403);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'not found', code = 'not_found') {
    super(code, message, 404);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = 'the request body is too large', code = 'payload_too_large') {
    super(code, message, 413);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message = 'expected Content-Type: application/json') {
    super('unsupported_media_type', message, 415);
  }
}
