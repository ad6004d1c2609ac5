export type AuditAction =
  | 'auth.login_succeeded'
  | 'auth.login_failed'
  | 'auth.locked'
  | 'auth.refresh_reused'
  | 'user.registered'
  | 'user.password_changed'
  | 'user.session_revoked'
  | 'user.deleted'
  | 'admin.user_updated'
  | 'admin.user_deleted'
  | 'admin.user_unlocked'
  | 'category.created'
  | 'category.updated'
  | 'category.deleted'
  | 'theme.deleted';

export type AuditEvent = {
  id: string;
  at: Date;
  actorId: string | null;
  action: AuditAction;
  targetType: string;
  targetId: string | null;
  ip: string | null;
  requestId: string | null;
  /** Never a password, hash or token. */
  details: Record<string, unknown>;
};

/** `since` inclusive, `until` exclusive: consecutive windows neither share nor miss an event. */
export type AuditCriteria = { actorId?: string | undefined; action?: string | undefined; since?: Date | undefined; until?: Date | undefined };
export type AuditPosition = { at: Date; id: string };

export interface AuditLog {
  /** Written inside the caller's transaction, so a rolled-back change leaves no event. */
  record(event: AuditEvent): Promise<void>;
  /** Newest first. */
  list(criteria: AuditCriteria, page: { after?: AuditPosition | undefined; limit: number }): Promise<AuditEvent[]>;
}
