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

  changePasswordHash(passwordHash: string, now: Date): void {
    this.change({ passwordHash, updatedAt: now });
  }

  setAvatar(avatar: AvatarRef | null, now: Date): void {
    this.change({ avatar, updatedAt: now });
  }

  changeRole(role: Role, now: Date): void {
    this.change({ role, updatedAt: now });
  }

  changeStatus(status: UserStatus, now: Date): void {
    this.change({ status, updatedAt: now });
  }
}
