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
import { AccountCreator } from '../../application/users/account-creator.ts';
import { UpdateProfile } from '../../application/users/update-profile.ts';
import { CreateCategory } from '../../application/categories/create-category.ts';
import { DeleteCategory } from '../../application/categories/delete-category.ts';
import { GetCategory } from '../../application/categories/get-category.ts';
import { ListCategories } from '../../application/categories/list-categories.ts';
import { UpdateCategory } from '../../application/categories/update-category.ts';
import { Cursors } from '../../application/pagination.ts';
import { CreateTheme } from '../../application/themes/create-theme.ts';
import { DeleteTheme } from '../../application/themes/delete-theme.ts';
import { ExportTheme } from '../../application/themes/export-theme.ts';
import { FavoriteTheme } from '../../application/themes/favorite-theme.ts';
import { GetTheme } from '../../application/themes/get-theme.ts';
import { ListFavorites } from '../../application/themes/list-favorites.ts';
import { SearchThemes } from '../../application/themes/search-themes.ts';
import { ThemeViews } from '../../application/themes/theme-views.ts';
import { UnfavoriteTheme } from '../../application/themes/unfavorite-theme.ts';
import { UpdateTheme } from '../../application/themes/update-theme.ts';
import { DeleteAvatar } from '../../application/media/delete-avatar.ts';
import { DeleteImage } from '../../application/media/delete-image.ts';
import { GetImage } from '../../application/media/get-image.ts';
import { ImageStorer } from '../../application/media/image-storer.ts';
import { ListThemeImages } from '../../application/media/list-theme-images.ts';
import { ObjectJanitor } from '../../application/media/object-janitor.ts';
import { ReadImage } from '../../application/media/read-image.ts';
import { UploadAvatar } from '../../application/media/upload-avatar.ts';
import { UploadThemeImage } from '../../application/media/upload-theme-image.ts';
import { DeleteUser } from '../../application/admin/delete-user.ts';
import { ListAuditEvents } from '../../application/admin/list-audit-events.ts';
import { ListUsers } from '../../application/admin/list-users.ts';
import { UpdateUser } from '../../application/admin/update-user.ts';
import { ThrottleAuth } from '../../application/auth/throttle-auth.ts';
import { TYPES as T } from '../tokens.ts';
import { singletons } from './singletons.ts';

/** The use-cases and the application services they share, built from the ports. */
export const coreModule = new ContainerModule((options) => {
  const single = singletons(options);

  single(Auditor, (log, clock, ids) => new Auditor(log, clock, ids), [T.AuditLog, T.Clock, T.Ids]);
  single(SessionIssuer, (tokens, refresh, ids, clock) => new SessionIssuer(tokens, refresh, ids, clock), [T.TokenIssuer, T.RefreshTokenRepo, T.Ids, T.Clock]);
  single(AccountCreator, (users, hasher, clock, ids) => new AccountCreator(users, hasher, clock, ids), [T.UserRepo, T.PasswordHasher, T.Clock, T.Ids]);
  single(
    AccountRemover,
    (users, refresh, themes, favorites, images, cleanup, clock) => new AccountRemover(users, refresh, themes, favorites, images, cleanup, clock),
    [T.UserRepo, T.RefreshTokenRepo, T.ThemeRepo, T.FavoriteRepo, T.ImageRepo, T.ObjectCleanup, T.Clock],
  );
  single(ObjectJanitor, (store, cleanup, clock) => new ObjectJanitor(store, cleanup, clock), [T.ObjectStore, T.ObjectCleanup, T.Clock]);
  single(
    ImageStorer,
    (processor, store, cleanup, janitor, tx, clock, ids, limits) => new ImageStorer(processor, store, cleanup, janitor, tx, clock, ids, limits),
    [T.ImageProcessor, T.ObjectStore, T.ObjectCleanup, ObjectJanitor, T.Transaction, T.Clock, T.Ids, T.ImageLimits],
  );
  single(Cursors, (sealer) => new Cursors(sealer), [T.CursorSealer]);
  single(
    ThemeViews,
    (users, categories, favorites, images) => new ThemeViews(users, categories, favorites, images),
    [T.UserRepo, T.CategoryRepo, T.FavoriteRepo, T.ImageRepo],
  );

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
  single(
    DeleteAccount,
    (users, remover, janitor, audit, tx) => new DeleteAccount(users, remover, janitor, audit, tx),
    [T.UserRepo, AccountRemover, ObjectJanitor, Auditor, T.Transaction],
  );

  single(CreateCategory, (c, audit, clock, ids, tx) => new CreateCategory(c, audit, clock, ids, tx), [T.CategoryRepo, Auditor, T.Clock, T.Ids, T.Transaction]);
  single(UpdateCategory, (c, audit, clock, tx) => new UpdateCategory(c, audit, clock, tx), [T.CategoryRepo, Auditor, T.Clock, T.Transaction]);
  single(DeleteCategory, (c, themes, audit, tx) => new DeleteCategory(c, themes, audit, tx), [T.CategoryRepo, T.ThemeRepo, Auditor, T.Transaction]);
  single(ListCategories, (c) => new ListCategories(c), [T.CategoryRepo]);
  single(GetCategory, (c) => new GetCategory(c), [T.CategoryRepo]);

  single(CreateTheme, (themes, c, views, clock, ids) => new CreateTheme(themes, c, views, clock, ids), [T.ThemeRepo, T.CategoryRepo, ThemeViews, T.Clock, T.Ids]);
  single(GetTheme, (themes, views) => new GetTheme(themes, views), [T.ThemeRepo, ThemeViews]);
  single(UpdateTheme, (themes, c, views, clock) => new UpdateTheme(themes, c, views, clock), [T.ThemeRepo, T.CategoryRepo, ThemeViews, T.Clock]);
  single(
    DeleteTheme,
    (themes, images, cleanup, janitor, audit, clock, tx) => new DeleteTheme(themes, images, cleanup, janitor, audit, clock, tx),
    [T.ThemeRepo, T.ImageRepo, T.ObjectCleanup, ObjectJanitor, Auditor, T.Clock, T.Transaction],
  );
  single(FavoriteTheme, (themes, favs, clock, tx) => new FavoriteTheme(themes, favs, clock, tx), [T.ThemeRepo, T.FavoriteRepo, T.Clock, T.Transaction]);
  single(UnfavoriteTheme, (themes, favs, tx) => new UnfavoriteTheme(themes, favs, tx), [T.ThemeRepo, T.FavoriteRepo, T.Transaction]);
  single(ListFavorites, (favs, themes, views, cursors) => new ListFavorites(favs, themes, views, cursors), [T.FavoriteRepo, T.ThemeRepo, ThemeViews, Cursors]);
  single(
    SearchThemes,
    (themes, c, users, views, cursors) => new SearchThemes(themes, c, users, views, cursors),
    [T.ThemeRepo, T.CategoryRepo, T.UserRepo, ThemeViews, Cursors],
  );
  single(ExportTheme, (themes) => new ExportTheme(themes), [T.ThemeRepo]);

  single(
    UploadThemeImage,
    (themes, images, storer, cleanup, clock, limits) => new UploadThemeImage(themes, images, storer, cleanup, clock, limits),
    [T.ThemeRepo, T.ImageRepo, ImageStorer, T.ObjectCleanup, T.Clock, T.ImageLimits],
  );
  single(ListThemeImages, (themes, images) => new ListThemeImages(themes, images), [T.ThemeRepo, T.ImageRepo]);
  single(GetImage, (images, themes) => new GetImage(images, themes), [T.ImageRepo, T.ThemeRepo]);
  single(ReadImage, (images, themes, store) => new ReadImage(images, themes, store), [T.ImageRepo, T.ThemeRepo, T.ObjectStore]);
  single(
    DeleteImage,
    (images, themes, users, cleanup, janitor, clock, tx) => new DeleteImage(images, themes, users, cleanup, janitor, clock, tx),
    [T.ImageRepo, T.ThemeRepo, T.UserRepo, T.ObjectCleanup, ObjectJanitor, T.Clock, T.Transaction],
  );
  single(
    UploadAvatar,
    (users, images, storer, cleanup, clock) => new UploadAvatar(users, images, storer, cleanup, clock),
    [T.UserRepo, T.ImageRepo, ImageStorer, T.ObjectCleanup, T.Clock],
  );
  single(
    DeleteAvatar,
    (users, images, cleanup, janitor, clock, tx) => new DeleteAvatar(users, images, cleanup, janitor, clock, tx),
    [T.UserRepo, T.ImageRepo, T.ObjectCleanup, ObjectJanitor, T.Clock, T.Transaction],
  );

  single(ThrottleAuth, (limiter, clock, perMinute) => new ThrottleAuth(limiter, clock, perMinute), [T.RateLimiter, T.Clock, T.AuthRateLimit]);
  single(ListUsers, (users, cursors) => new ListUsers(users, cursors), [T.UserRepo, Cursors]);
  single(UpdateUser, (users, refresh, audit, clock, tx) => new UpdateUser(users, refresh, audit, clock, tx), [T.UserRepo, T.RefreshTokenRepo, Auditor, T.Clock, T.Transaction]);
  single(DeleteUser, (users, remover, janitor, audit, tx) => new DeleteUser(users, remover, janitor, audit, tx), [T.UserRepo, AccountRemover, ObjectJanitor, Auditor, T.Transaction]);
  single(ListAuditEvents, (log, cursors) => new ListAuditEvents(log, cursors), [T.AuditLog, Cursors]);

  single(CheckReadiness, (db, objects) => new CheckReadiness(db, objects), [T.DatabaseHealth, T.ObjectStore]);
});
