import { anonymous, SYSTEM, type UserActor } from '../../application/actor.ts';
import { AuthenticateAccessToken } from '../../application/auth/authenticate-access-token.ts';
import { Login } from '../../application/auth/login.ts';
import { CreateUser } from '../../application/users/create-user.ts';
import type { Role } from '../../domain/users/role.ts';
import type { Runtime } from '../../bootstrap/container.ts';

export type Member = { actor: UserActor; id: string; username: string; token: string };

/** An account of the given role made through the use-cases, as an Actor and with a bearer token. */
export async function aMember(runtime: Runtime, username: string, role: Role = 'user'): Promise<Member> {
  const password = 'correct horse battery';
  await runtime.container.get(CreateUser).execute(SYSTEM, { email: `${username}@example.com`, username, password, role });
  const session = await runtime.container.get(Login).execute(anonymous(), { login: username, password });
  const actor = await runtime.container.get(AuthenticateAccessToken).execute(session.accessToken);
  return { actor, id: actor.userId, username, token: session.accessToken };
}
