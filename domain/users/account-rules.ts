/** The shapes of account fields. The application's input schemas enforce them. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_MAX = 254;
export const USERNAME_PATTERN = /^[a-z0-9_-]{3,32}$/;
export const PASSWORD_MIN_CHARS = 8;
/** bcrypt reads at most 72 bytes of a password and silently ignores the rest. */
export const PASSWORD_MAX_BYTES = 72;

/**
 * The one password-length rule: at most PASSWORD_MAX_BYTES in UTF-8. A longer password is refused
 * when it is set and never matches when it is checked, so bcrypt never truncates one.
 */
export function fitsPasswordLimit(password: string): boolean {
  return new TextEncoder().encode(password).length <= PASSWORD_MAX_BYTES;
}
