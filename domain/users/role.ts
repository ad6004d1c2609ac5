export const ROLES = ['user', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** What each role may do, in one table. Use-cases ask for a permission, never for a role. */
export const PERMISSIONS = {
  'themes:create': ['user', 'moderator', 'admin'],
  'themes:favorite': ['user', 'moderator', 'admin'],
  'themes:moderate': ['moderator', 'admin'],
  'categories:manage': ['moderator', 'admin'],
  'users:manage': ['admin'],
  'audit:read': ['admin'],
  'stats:read': ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function roleHas(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
