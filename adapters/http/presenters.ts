import type { z } from 'zod';
import type { Session } from '../../application/auth/session.ts';
import type { User } from '../../domain/users/user.ts';
import type { OAuthTokenSchema, SessionSchema, UserPrivateSchema, UserPublicSchema } from './schemas.ts';

export function presentUserPublic(user: User): z.input<typeof UserPublicSchema> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    bio: user.bio,
    avatar: null,
    createdAt: user.createdAt.toISOString(),
  };
}

export function presentUserPrivate(user: User): z.input<typeof UserPrivateSchema> {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    displayName: user.displayName,
    bio: user.bio,
    role: user.role,
    status: user.status,
    avatar: null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export function presentSession(session: Session): z.input<typeof SessionSchema> {
  return {
    user: presentUserPrivate(session.user),
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    tokenType: 'Bearer',
    expiresIn: session.expiresIn,
  };
}

export function presentOAuthToken(session: Session): z.input<typeof OAuthTokenSchema> {
  return { access_token: session.accessToken, token_type: 'bearer', expires_in: session.expiresIn, refresh_token: session.refreshToken };
}
