import { Aggregate } from '../aggregate.ts';
import type { Role, UserStatus } from './role.ts';

export type NewUser = {
  id: string;
  email: string;
  username: string;
  passwordHash: string;
  displayName?: string | undefined;
  role?: Role;
};

export type ProfileChanges = { displayName?: string | undefined; bio?: string | undefined; username?: string | undefined };

/** What a user view shows of the avatar, kept on the user so no view needs another lookup. */
export type AvatarRef = { readonly id: string; readonly width: number; readonly height: number };

export const DISPLAY_NAME_MAX = 64;
export const BIO_MAX = 500;

/** An account as repositories store it: plain data. */
export type UserState = {
  id: string;
  email: string;
  username: string;
  passwordHash: string;
  displayName: string;
  bio: string;
  role: Role;
  status: UserStatus;
  avatar: AvatarRef | null;
  /** The last successful login, stamped by the repository's conditional write (UserRepo.recordLogin). */
  lastLoginAt: Date | null;
  /**
   * Which sessions are valid: access tokens carry the generation they were issued in, and only
   * those of the current one are accepted. Ending every session (logout-all, a new password,
   * disabling) moves it on, so older tokens fail at once, without a list of revoked tokens.
   */
  sessionGeneration: number;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * An account. Its fields arrive checked and normalised by the input schemas (application/users/
 * fields.ts); the password hash comes from the PasswordHasher port. Each intent method changes only
 * its own fields, and the repository writes only those (UserRepo.update), so a disable, a role
 * change and a profile edit made at the same time all survive.
 */
export class User extends Aggregate<UserState>() {
  static create(props: NewUser, now: Date): User {
    return new User({
      id: props.id,
      email: props.email,
      username: props.username,
      passwordHash: props.passwordHash,
      displayName: props.displayName ?? props.username,
      bio: '',
      role: props.role ?? 'user',
      status: 'active',
      avatar: null,
      lastLoginAt: null,
      sessionGeneration: 0,
      createdAt: now,
      updatedAt: now,
    });
  }

  static restore(state: UserState): User {
    return new User(state);
  }

  isActive(): boolean {
    return this.status === 'active';
  }

  /** Changes the fields given, and only those. */
  updateProfile(changes: ProfileChanges, now: Date): void {
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as ProfileChanges;
    this.change({ ...given, updatedAt: now });
  }

  /** A new password ends every session. */
  changePasswordHash(passwordHash: string, now: Date): void {
    this.change({ passwordHash, sessionGeneration: this.sessionGeneration + 1, updatedAt: now });
  }

  /** Every access token issued so far stops working (logout-all). */
  endSessions(now: Date): void {
    this.change({ sessionGeneration: this.sessionGeneration + 1, updatedAt: now });
  }

  setAvatar(avatar: AvatarRef | null, now: Date): void {
    this.change({ avatar, updatedAt: now });
  }

  changeRole(role: Role, now: Date): void {
    this.change({ role, updatedAt: now });
  }

  /** Disabling ends every session: enabling the account again does not revive its old tokens. */
  changeStatus(status: UserStatus, now: Date): void {
    const ends = status === 'disabled' && this.status !== 'disabled';
    this.change(ends ? { status, sessionGeneration: this.sessionGeneration + 1, updatedAt: now } : { status, updatedAt: now });
  }
}
