import { z } from 'zod';
import { requireUser, type Actor } from '../actor.ts';
import { PageInput, type Cursors, type Page } from '../pagination.ts';
import type { LoginAttempt, LoginHistory } from '../ports/login-history.ts';
import { parseInput } from '../validation.ts';

export const ListLoginsInput = z.strictObject({ ...PageInput });

const Position = z.strictObject({ at: z.iso.datetime(), i: z.uuid() });

/** A page of an account's sign-in attempts, newest first: for its owner, and for administrators. */
export async function loginPage(history: LoginHistory, cursors: Cursors, userId: string, raw: unknown): Promise<Page<LoginAttempt>> {
  const { limit, cursor } = parseInput(ListLoginsInput, raw);
  const signature = { logins: userId };
  const after = cursor ? cursors.decode(signature, cursor, Position) : undefined;
  return cursors.page(
    signature,
    limit,
    (n) => history.listOf(userId, { after: after && { at: new Date(after.at), id: after.i }, limit: n }),
    (a) => ({ at: a.at.toISOString(), i: a.id }),
  );
}

/** The caller's recent sign-in attempts (successes, failures, refusals while locked). */
export class ListLogins {
  constructor(
    private readonly history: LoginHistory,
    private readonly cursors: Cursors,
  ) {}

  execute(actor: Actor, raw: unknown): Promise<Page<LoginAttempt>> {
    return loginPage(this.history, this.cursors, requireUser(actor).userId, raw);
  }
}
