/** Chinese first, English beside it: every message the bureau sends carries both. */
export interface BilingualText {
  zh: string;
  en: string;
}

export interface NotificationInput {
  /** Idempotency: the same key never produces a second inbox entry or a second email. */
  dedupeKey: string;
  kind: string;
  recipientUserId?: string | null;
  recipientEmail?: string | null;
  subject: BilingualText;
  body: BilingualText;
  entityType?: string;
  entityId?: string;
}
