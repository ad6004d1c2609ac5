/** A broken business rule. `code` is stable and named by API.md; only the HTTP adapter knows statuses. */
export class DomainError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

export type FieldError = { path: string; message: string };

export class ValidationFailed extends DomainError {
  readonly errors: FieldError[];
  constructor(errors: FieldError[]) {
    super('validation_failed', `${errors.length} field${errors.length === 1 ? ' is' : 's are'} invalid`);
    this.errors = errors;
  }
  static field(path: string, message: string): ValidationFailed {
    return new ValidationFailed([{ path, message }]);
  }
}

/** An image over MAX_IMAGE_PIXELS: a validation failure of its `file`, told apart so operators can count them. */
export class TooManyPixels extends ValidationFailed {
  constructor(message: string) {
    super([{ path: 'file', message }]);
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} was not found`);
  }
}

export class Unauthenticated extends DomainError {
  constructor(message = 'a valid access token is required') {
    super('unauthenticated', message);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'you are not allowed to do this') {
    super('forbidden', message);
  }
}

export class InvalidCredentials extends DomainError {
  constructor() {
    super('invalid_credentials', 'the login or the password is wrong');
  }
}

export class InvalidRefreshToken extends DomainError {
  constructor() {
    super('invalid_refresh_token', 'the refresh token is unknown, expired or revoked');
  }
}

export class RefreshTokenReused extends DomainError {
  constructor() {
    super('refresh_token_reused', 'this refresh token was already used; every session it belongs to is now revoked');
  }
}

export class TooManyAttempts extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message = 'too many attempts; try again later') {
    super('too_many_attempts', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class Conflict extends DomainError {}

export class EmailTaken extends Conflict {
  constructor() {
    super('email_taken', 'an account with this email already exists');
  }
}

export class UsernameTaken extends Conflict {
  constructor() {
    super('username_taken', 'this username is taken');
  }
}

export class LastAdmin extends Conflict {
  constructor() {
    super('last_admin', 'the last active admin cannot be demoted, disabled or deleted');
  }
}

export class VersionConflict extends DomainError {
  constructor(currentVersion: number) {
    super('precondition_failed', `the resource has changed; its current version is ${currentVersion}`, { currentVersion });
  }
}

export class InvalidCursor extends DomainError {
  constructor() {
    super('invalid_cursor', 'the cursor was not issued by this server');
  }
}

export type Dependency = 'database' | 'object store';

/**
 * A dependency did not answer, or not in time. Adapters translate their drivers' errors into this
 * one, so every adapter of a port fails alike and clients are told to retry rather than shown a fault.
 */
export class Unavailable extends DomainError {
  readonly dependency: Dependency;
  constructor(dependency: Dependency, options?: { cause?: unknown }) {
    super('unavailable', `the ${dependency} is unavailable; try again shortly`);
    this.dependency = dependency;
    if (options && 'cause' in options) this.cause = options.cause;
  }
}

export class SlugTaken extends Conflict {
  constructor() {
    super('slug_taken', 'this slug is taken');
  }
}

export class CategoryInUse extends Conflict {
  constructor() {
    super('category_in_use', 'themes still use this category; move or delete them first');
  }
}

export class ImageLimitReached extends Conflict {
  constructor(limit: number) {
    super('image_limit_reached', `a theme has at most ${limit} images`);
  }
}

export class PayloadTooLarge extends DomainError {
  constructor(limitBytes: number) {
    super('payload_too_large', `the upload is larger than ${limitBytes} bytes`);
  }
}

export class UnsupportedMediaType extends DomainError {
  constructor() {
    super('unsupported_media_type', 'the file is not a PNG, JPEG or WebP image');
  }
}

export class UploadExpired extends DomainError {
  constructor() {
    super('upload_expired', 'this upload ticket has expired; ask for a new one');
  }
}

export class UploadMissing extends DomainError {
  constructor() {
    super('upload_missing', 'nothing was uploaded with this ticket yet: send the file to its upload URL first');
  }
}
