import { z } from 'zod';
import { ROLES, USER_STATUSES } from '../../domain/users/role.ts';

/** The JSON shapes of API.md's responses, for the OpenAPI document. Presenters produce them. */
export const ImageRefSchema = z
  .object({ id: z.uuid(), url: z.url(), thumbnailUrl: z.url(), width: z.int(), height: z.int() })
  .meta({ id: 'ImageRef' });

export const UserPublicSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    bio: z.string(),
    avatar: ImageRefSchema.nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'UserPublic' });

export const UserPrivateSchema = z
  .object({
    id: z.uuid(),
    email: z.email(),
    username: z.string(),
    displayName: z.string(),
    bio: z.string(),
    role: z.enum(ROLES),
    status: z.enum(USER_STATUSES),
    avatar: ImageRefSchema.nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'UserPrivate' });

export const SessionSchema = z
  .object({
    user: UserPrivateSchema,
    accessToken: z.string(),
    refreshToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.int().meta({ description: 'seconds until the access token expires' }),
  })
  .meta({ id: 'Session' });

export const OAuthTokenSchema = z
  .object({ access_token: z.string(), token_type: z.literal('bearer'), expires_in: z.int(), refresh_token: z.string() })
  .meta({ id: 'OAuthToken' });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    code: z.string().meta({ description: 'stable, machine-readable error code' }),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string(),
  })
  .meta({ id: 'Problem' });

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'failing']),
    checks: z.object({ database: z.enum(['ok', 'failing']), objectStore: z.enum(['ok', 'failing']) }).optional(),
  })
  .meta({ id: 'Health' });
