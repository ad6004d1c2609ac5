import type { Role, UserStatus } from './role.ts';

export type NewUser = {
  id: string;
  email: string;
  username: string;
  passwordHash: string;
  displayName?: string | undefined;
  role?: Role;
};

export type LoginPolicy = { maxFailures: number; lockSeconds: number };

export type ProfileChanges = { displayName?: string | undefined; bio?: string | undefined; username?: string | undefined };

/** What a user view shows of the avatar, kept on the user so no view needs another lookup. */
export type AvatarRef = { id: string; width: number; height: number };

export const DISPLAY_NAME_MAX = 64;
export const BIO_MAX = 500;

/**
 * An account. Email and username arrive already normalised (see email.ts, username.ts); the
 * password hash comes from the PasswordHasher port. Fields are plain so MikroORM can hydrate them.
 */
export class User {
  id!: string;
  email!: string;
  username!: string;
  passwordHash!: string;
  displayName!: string;
  bio!: string;
  role!: Role;
  status!: UserStatus;
  avatar!: AvatarRef | null;
  failedLoginCount!: number;
  lockedUntil!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;

  static create(props: NewUser, now: Date): User {
    const user = new User();
    user.id = props.id;
    user.email = props.email;
    user.username = props.username;
    user.passwordHash = props.passwordHash;
    user.displayName = props.displayName ?? props.username;
    user.bio = '';
    user.role = props.role ?? 'user';
    user.status = 'active';
    user.avatar = null;
    user.failedLoginCount = 0;
    user.lockedUntil = null;
    user.createdAt = now;
    user.updatedAt = now;
    return user;
  }

  isActive(): boolean {
    return this.status === 'active';
  }

  /** Seconds until the lock ends, or 0 when the account is not locked at `now`. */
  lockRemainingSeconds(now: Date): number {
    if (!this.lockedUntil || this.lockedUntil <= now) return 0;
    return Math.ceil((this.lockedUntil.getTime() - now.getTime()) / 1000);
  }

  /** Counts a failed login; returns true when this failure locks the account. */
  recordFailedLogin(now: Date, policy: LoginPolicy): boolean {
    if (this.lockedUntil && this.lockedUntil <= now) this.lockedUntil = null;
    this.failedLoginCount += 1;
    this.updatedAt = now;
    if (this.failedLoginCount < policy.maxFailures) return false;
    this.failedLoginCount = 0;
    this.lockedUntil = new Date(now.getTime() + policy.lockSeconds * 1000);
    return true;
  }

  recordSuccessfulLogin(now: Date): void {
    if (this.failedLoginCount === 0 && this.lockedUntil === null) return;
    this.failedLoginCount = 0;
    this.lockedUntil = null;
    this.updatedAt = now;
  }

  updateProfile(changes: ProfileChanges, now: Date): void {
    if (changes.displayName !== undefined) this.displayName = changes.displayName;
    if (changes.bio !== undefined) this.bio = changes.bio;
    if (changes.username !== undefined) this.username = changes.username;
    this.updatedAt = now;
  }

  changePasswordHash(passwordHash: string, now: Date): void {
    this.passwordHash = passwordHash;
    this.updatedAt = now;
  }

  setAvatar(avatar: AvatarRef | null, now: Date): void {
    this.avatar = avatar;
    this.updatedAt = now;
  }

  changeRole(role: Role, now: Date): void {
    this.role = role;
    this.updatedAt = now;
  }

  changeStatus(status: UserStatus, now: Date): void {
    this.status = status;
    this.updatedAt = now;
  }
}
