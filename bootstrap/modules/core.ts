import { ContainerModule } from 'inversify';
import { Auditor } from '../../application/audit/auditor.ts';
import { AuthenticateAccessToken } from '../../application/auth/authenticate-access-token.ts';
import { Login } from '../../application/auth/login.ts';
import { Logout } from '../../application/auth/logout.ts';
import { LogoutAll } from '../../application/auth/logout-all.ts';
import { RefreshSession } from '../../application/auth/refresh-session.ts';
import { RegisterUser } from '../../application/auth/register-user.ts';
import { SessionIssuer } from '../../application/auth/session.ts';
import { CheckReadiness } from '../../application/ops/check-readiness.ts';
import { AccountRemover } from '../../application/users/account-remover.ts';
import { ChangePassword } from '../../application/users/change-password.ts';
import { CreateUser } from '../../application/users/create-user.ts';
import { DeleteAccount } from '../../application/users/delete-account.ts';
import { GetMe } from '../../application/users/get-me.ts';
import { GetPublicProfile } from '../../application/users/get-public-profile.ts';
import { AccountCreator } from '../../application/users/insert-account.ts';
import { UpdateProfile } from '../../application/users/update-profile.ts';
import { TYPES as T } from '../tokens.ts';
import { singletons } from './singletons.ts';

/** The use-cases and the application services they share, built from the ports. */
export const coreModule = new ContainerModule((options) => {
  const single = singletons(options);

  single(Auditor, (log, clock, ids) => new Auditor(log, clock, ids), [T.AuditLog, T.Clock, T.Ids]);
  single(SessionIssuer, (tokens, refresh, ids, clock) => new SessionIssuer(tokens, refresh, ids, clock), [T.TokenIssuer, T.RefreshTokenRepo, T.Ids, T.Clock]);
  single(AccountCreator, (users, hasher, clock, ids) => new AccountCreator(users, hasher, clock, ids), [T.UserRepo, T.PasswordHasher, T.Clock, T.Ids]);
  single(AccountRemover, (users, refresh, clock) => new AccountRemover(users, refresh, clock), [T.UserRepo, T.RefreshTokenRepo, T.Clock]);

  single(RegisterUser, (accounts, sessions, audit, tx) => new RegisterUser(accounts, sessions, audit, tx), [AccountCreator, SessionIssuer, Auditor, T.Transaction]);
  single(CreateUser, (accounts, audit, tx) => new CreateUser(accounts, audit, tx), [AccountCreator, Auditor, T.Transaction]);
  single(
    Login,
    (users, hasher, sessions, audit, clock, tx, policy) => new Login(users, hasher, sessions, audit, clock, tx, policy),
    [T.UserRepo, T.PasswordHasher, SessionIssuer, Auditor, T.Clock, T.Transaction, T.LoginPolicy],
  );
  single(
    RefreshSession,
    (refresh, users, tokens, sessions, audit, clock, tx) => new RefreshSession(refresh, users, tokens, sessions, audit, clock, tx),
    [T.RefreshTokenRepo, T.UserRepo, T.TokenIssuer, SessionIssuer, Auditor, T.Clock, T.Transaction],
  );
  single(Logout, (refresh, tokens, clock) => new Logout(refresh, tokens, clock), [T.RefreshTokenRepo, T.TokenIssuer, T.Clock]);
  single(LogoutAll, (refresh, clock) => new LogoutAll(refresh, clock), [T.RefreshTokenRepo, T.Clock]);
  single(AuthenticateAccessToken, (tokens, users) => new AuthenticateAccessToken(tokens, users), [T.TokenIssuer, T.UserRepo]);

  single(GetMe, (users) => new GetMe(users), [T.UserRepo]);
  single(UpdateProfile, (users, clock) => new UpdateProfile(users, clock), [T.UserRepo, T.Clock]);
  single(
    ChangePassword,
    (users, refresh, hasher, audit, clock, tx) => new ChangePassword(users, refresh, hasher, audit, clock, tx),
    [T.UserRepo, T.RefreshTokenRepo, T.PasswordHasher, Auditor, T.Clock, T.Transaction],
  );
  single(GetPublicProfile, (users) => new GetPublicProfile(users), [T.UserRepo]);
  single(DeleteAccount, (users, remover, audit, tx) => new DeleteAccount(users, remover, audit, tx), [T.UserRepo, AccountRemover, Auditor, T.Transaction]);

  single(CheckReadiness, (db, objects) => new CheckReadiness(db, objects), [T.DatabaseHealth, T.ObjectStore]);
});
