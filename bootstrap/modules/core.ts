import { ContainerModule } from 'inversify';
import { Auditor } from '../../application/audit/auditor.ts';
import { AuthenticateAccessToken } from '../../application/auth/authenticate-access-token.ts';
import { Login } from '../../application/auth/login.ts';
import { PruneLoginRecords } from '../../application/auth/prune-login-records.ts';
import { SignInRecorder } from '../../application/auth/sign-in-recorder.ts';
import { Logout } from '../../application/auth/logout.ts';
import { LogoutAll } from '../../application/auth/logout-all.ts';
import { RefreshSession } from '../../application/auth/refresh-session.ts';
import { RegisterUser } from '../../application/auth/register-user.ts';
import { SessionIssuer } from '../../application/auth/session.ts';
import { CheckReadiness } from '../../application/ops/check-readiness.ts';
import { AccountRemover } from '../../application/users/account-remover.ts';
import { ChangePassword } from '../../application/users/change-password.ts';
import { CreateFirstAdmin } from '../../application/users/create-first-admin.ts';
import { CreateUser } from '../../application/users/create-user.ts';
import { DeleteAccount } from '../../application/users/delete-account.ts';
import { GetMe } from '../../application/users/get-me.ts';
import { GetPublicProfile } from '../../application/users/get-public-profile.ts';
import { ListLogins } from '../../application/users/list-logins.ts';
import { ListSessions } from '../../application/users/list-sessions.ts';
import { RevokeSession } from '../../application/users/revoke-session.ts';
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
import { Avatars } from '../../application/media/avatars.ts';
import { CommitUpload } from '../../application/media/commit-upload.ts';
import { PruneUploadTickets } from '../../application/media/prune-upload-tickets.ts';
import { ReceiveDirectUpload } from '../../application/media/receive-direct-upload.ts';
import { RequestUpload } from '../../application/media/request-upload.ts';
import { ThemeImages } from '../../application/media/theme-images.ts';
import { UploadAvatar } from '../../application/media/upload-avatar.ts';
import { UploadThemeImage } from '../../application/media/upload-theme-image.ts';
import { DeleteUser } from '../../application/admin/delete-user.ts';
import { GetStatistics } from '../../application/admin/get-statistics.ts';
import { ListAuditEvents } from '../../application/admin/list-audit-events.ts';
import { ListUserLogins } from '../../application/admin/list-user-logins.ts';
import { ListUsers } from '../../application/admin/list-users.ts';
import { UpdateUser } from '../../application/admin/update-user.ts';
import { ThrottleAuth } from '../../application/auth/throttle-auth.ts';
import { TYPES as T } from '../tokens.ts';
import { binder } from '../wiring.ts';

/**
 * The use-cases and the application services they share, built from the ports. Each binding lists
 * the constructor's dependencies in order; `npm run typecheck` refuses one that does not match.
 */
export const coreModule = new ContainerModule((options) => {
  const { service } = binder(options);

  service(Auditor, [T.AuditLog, T.Clock, T.Ids]);
  service(SessionIssuer, [T.TokenIssuer, T.RefreshTokenRepo, T.Ids, T.Clock]);
  service(AccountCreator, [T.UserRepo, T.PasswordHasher, T.Clock, T.Ids]);
  service(AccountRemover, [T.UserRepo, T.RefreshTokenRepo, T.ThemeRepo, T.FavoriteRepo, T.ImageRepo, T.ObjectCleanup, T.Clock]);
  service(ObjectJanitor, [T.ObjectStore, T.ObjectCleanup, T.Clock]);
  service(ImageStorer, [T.ImageProcessor, T.ObjectStore, T.ObjectCleanup, ObjectJanitor, T.Clock, T.Ids, T.ImageLimits]);
  service(ThemeImages, [T.ThemeRepo, T.ImageRepo, T.ObjectCleanup, T.Clock, T.ImageLimits]);
  service(Avatars, [T.UserRepo, T.ImageRepo, T.ObjectCleanup, T.Clock]);
  service(Cursors, [T.CursorSealer]);
  service(ThemeViews, [T.UserRepo, T.CategoryRepo, T.FavoriteRepo, T.ImageRepo]);

  service(RegisterUser, [AccountCreator, SessionIssuer, Auditor, T.Transaction]);
  service(CreateUser, [AccountCreator, Auditor, T.Transaction]);
  service(CreateFirstAdmin, [T.UserRepo, CreateUser]);
  service(SignInRecorder, [T.LoginHistory, Auditor, T.Clock, T.Ids]);
  service(Login, [T.UserRepo, T.PasswordHasher, T.LoginThrottle, SessionIssuer, SignInRecorder, T.Clock, T.Transaction, T.LoginPolicy]);
  service(PruneLoginRecords, [T.LoginHistory, T.LoginThrottle, T.Clock, T.LoginPolicy, T.LoginHistoryDays]);
  service(RefreshSession, [T.RefreshTokenRepo, T.UserRepo, T.TokenIssuer, SessionIssuer, Auditor, T.Clock, T.Transaction, T.RefreshReuseGrace]);
  service(Logout, [T.RefreshTokenRepo, T.TokenIssuer, T.Clock]);
  service(LogoutAll, [T.RefreshTokenRepo, T.Clock]);
  service(AuthenticateAccessToken, [T.TokenIssuer, T.UserRepo]);
  service(ThrottleAuth, [T.RateLimiter, T.Clock, T.AuthRateLimit]);

  service(GetMe, [T.UserRepo]);
  service(UpdateProfile, [T.UserRepo, T.Clock]);
  service(ChangePassword, [T.UserRepo, T.RefreshTokenRepo, T.PasswordHasher, Auditor, T.Clock, T.Transaction]);
  service(GetPublicProfile, [T.UserRepo]);
  service(ListSessions, [T.RefreshTokenRepo, T.Clock]);
  service(RevokeSession, [T.RefreshTokenRepo, Auditor, T.Clock, T.Transaction]);
  service(ListLogins, [T.LoginHistory, Cursors]);
  service(DeleteAccount, [T.UserRepo, AccountRemover, ObjectJanitor, Auditor, T.Transaction]);

  service(CreateCategory, [T.CategoryRepo, Auditor, T.Clock, T.Ids, T.Transaction]);
  service(UpdateCategory, [T.CategoryRepo, Auditor, T.Clock, T.Transaction]);
  service(DeleteCategory, [T.CategoryRepo, T.ThemeRepo, Auditor, T.Transaction]);
  service(ListCategories, [T.CategoryRepo]);
  service(GetCategory, [T.CategoryRepo]);

  service(CreateTheme, [T.ThemeRepo, T.CategoryRepo, ThemeViews, T.Clock, T.Ids]);
  service(GetTheme, [T.ThemeRepo, ThemeViews]);
  service(UpdateTheme, [T.ThemeRepo, T.CategoryRepo, ThemeViews, T.Clock]);
  service(DeleteTheme, [T.ThemeRepo, T.ImageRepo, T.ObjectCleanup, ObjectJanitor, Auditor, T.Clock, T.Transaction]);
  service(FavoriteTheme, [T.ThemeRepo, T.FavoriteRepo, T.Clock, T.Transaction]);
  service(UnfavoriteTheme, [T.ThemeRepo, T.FavoriteRepo, T.Transaction]);
  service(ListFavorites, [T.FavoriteRepo, T.ThemeRepo, ThemeViews, Cursors]);
  service(SearchThemes, [T.ThemeRepo, T.CategoryRepo, T.UserRepo, ThemeViews, Cursors]);
  service(ExportTheme, [T.ThemeRepo]);

  service(UploadThemeImage, [ThemeImages, ImageStorer, T.Transaction]);
  service(ListThemeImages, [T.ThemeRepo, T.ImageRepo]);
  service(GetImage, [T.ImageRepo, T.ThemeRepo]);
  service(ReadImage, [T.ImageRepo, T.ThemeRepo, T.ObjectStore, T.MediaOffload]);
  service(DeleteImage, [T.ImageRepo, T.ThemeRepo, T.UserRepo, T.ObjectCleanup, ObjectJanitor, T.Clock, T.Transaction]);
  service(UploadAvatar, [Avatars, ImageStorer, T.Transaction]);
  service(DeleteAvatar, [T.UserRepo, T.ImageRepo, T.ObjectCleanup, ObjectJanitor, T.Clock, T.Transaction]);
  service(RequestUpload, [ThemeImages, T.UploadTicketRepo, T.DirectUploads, T.ObjectCleanup, T.Clock, T.Ids, T.Transaction, T.DirectUploadSettings]);
  service(ReceiveDirectUpload, [T.UploadSignatures, T.ObjectStore, T.Clock]);
  service(CommitUpload, [T.UploadTicketRepo, T.ImageRepo, ThemeImages, Avatars, ImageStorer, T.UploadStaging, T.ObjectStore, T.Clock, T.Transaction]);
  service(PruneUploadTickets, [T.UploadTicketRepo, T.Clock]);

  service(ListUsers, [T.UserRepo, Cursors]);
  service(UpdateUser, [T.UserRepo, T.RefreshTokenRepo, T.LoginThrottle, Auditor, T.Clock, T.Transaction]);
  service(DeleteUser, [T.UserRepo, AccountRemover, ObjectJanitor, Auditor, T.Transaction]);
  service(ListAuditEvents, [T.AuditLog, Cursors]);
  service(ListUserLogins, [T.UserRepo, T.LoginHistory, Cursors]);
  service(GetStatistics, [T.StatisticsQuery, T.Clock]);

  service(CheckReadiness, [T.DatabaseHealth, T.ObjectStore]);
});
