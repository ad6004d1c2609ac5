import { z } from 'zod';
import { EMAIL_MAX, EMAIL_PATTERN, PASSWORD_MAX_BYTES, PASSWORD_MIN_CHARS, USERNAME_PATTERN, utf8Length } from '../../domain/users/account-rules.ts';
import { BIO_MAX, DISPLAY_NAME_MAX } from '../../domain/users/user.ts';

/** Trimmed and lower-cased, so one inbox is one account. */
export const emailField = z.string().trim().toLowerCase().max(EMAIL_MAX).regex(EMAIL_PATTERN, 'must be an email address');

/** Case-insensitive: stored lower-cased. */
export const usernameField = z.string().trim().toLowerCase().regex(USERNAME_PATTERN, 'must be 3–32 of a-z, 0-9, _ and -');

export const passwordField = z
  .string()
  .min(PASSWORD_MIN_CHARS, `must be at least ${PASSWORD_MIN_CHARS} characters`)
  .refine((p) => utf8Length(p) <= PASSWORD_MAX_BYTES, `must be at most ${PASSWORD_MAX_BYTES} bytes in UTF-8`);

export const displayNameField = z.string().trim().min(1).max(DISPLAY_NAME_MAX);
export const bioField = z.string().max(BIO_MAX);
