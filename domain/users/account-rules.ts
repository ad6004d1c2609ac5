/** The shapes of account fields. The application's input schemas enforce them. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_MAX = 254;
export const USERNAME_PATTERN = /^[a-z0-9_-]{3,32}$/;
export const PASSWORD_MIN_CHARS = 8;
/** bcrypt reads at most 72 bytes; a longer password is refused rather than silently truncated. */
export const PASSWORD_MAX_BYTES = 72;

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
