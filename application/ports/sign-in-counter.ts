export const SIGN_IN_OUTCOMES = ['success', 'failure', 'locked', 'disabled'] as const;
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

/**
 * Counts what sign-in attempts came to, for operators (the metrics adapter). Told once per attempt
 * that reached a verdict, by whichever driving adapter asked (REST, the OAuth2 form, the web pages);
 * nothing in the core reads it back.
 */
export interface SignInCounter {
  count(outcome: SignInOutcome): void;
}
