import { EMAIL_MAX, EMAIL_PATTERN, fitsPasswordLimit, PASSWORD_MAX_BYTES, PASSWORD_MIN_CHARS, USERNAME_PATTERN } from '../../domain/users/account-rules.ts';
import { BIO_MAX, DISPLAY_NAME_MAX } from '../../domain/users/user.ts';
import { text } from '../validation.ts';

/** Trimmed and lower-cased, so one inbox is one account. */
export const emailField = text().trim().toLowerCase().max(EMAIL_MAX).regex(EMAIL_PATTERN, 'must be an email address');

/** Case-insensitive: stored lower-cased. */
export const usernameField = text().trim().toLowerCase().regex(USERNAME_PATTERN, 'must be 3–32 of a-z, 0-9, _ and -');

export const passwordField = text()
  .min(PASSWORD_MIN_CHARS, `must be at least ${PASSWORD_MIN_CHARS} characters`)
  .refine(fitsPasswordLimit, `must be at most ${PASSWORD_MAX_BYTES} bytes in UTF-8`);

export const displayNameField = text().trim().min(1).max(DISPLAY_NAME_MAX);
export const bioField = text().max(BIO_MAX);
