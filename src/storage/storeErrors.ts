// The errors every storage backend throws for the same situations, so callers can handle them by code.
import { AppError } from '../errors.js';

/** A botbuilder state write carried an eTag that is no longer current: someone else wrote first. */
export class ETagConflictError extends AppError {
  constructor(key: string) {
    super('etag_conflict', `Storage: error writing "${key}" due to eTag conflict.`, 409);
  }
}

export class StaffExistsError extends AppError {
  constructor(name: string) {
    super('staff_exists', `a staff account named "${name}" already exists`, 409);
  }
}

export class ConversationNotFoundError extends AppError {
  constructor() {
    super('conversation_not_found', 'conversation not found', 404);
  }
}

export class ConversationExistsError extends AppError {
  constructor() {
    super('conversation_exists', 'conversation already exists', 409);
  }
}
