/**
 * Stable error codes the API answers with. Clients branch on these, never on messages,
 * so a code once published is never renamed.
 */
export const ErrorCodes = [
  'validation_failed',
  'invalid_geometry',
  'malformed_request',
  'payload_too_large',
  'route_not_found',
  'territory_not_found',
  'not_in_territory',
  'database_unavailable',
  'unauthenticated',
  'forbidden',
  'invalid_credentials',
  /** No longer sent (kept, as codes are never reused): sign-up answers alike either way. */
  'email_taken',
  'rate_limited',
  'cross_origin_refused',
  'organisation_not_found',
  'member_not_found',
  'already_member',
  'invitation_not_found',
  'last_owner',
  'idempotency_key_reused',
  'activity_not_found',
  'activity_closed',
  /** An edit made from an out-of-date copy: someone else edited the object since. Reload. */
  'edit_conflict',
  'tender_not_found',
  'tender_not_draft',
  'tender_not_open',
  'tender_closed',
  'tender_not_closed',
  'tender_awarded',
  'spo_not_found',
  'spo_exists',
  'spo_not_editable',
  'line_not_found',
  'lines_not_accepted',
  'activity_not_linkable',
  /** A write collided with another (a unique key), usually two requests at once: retry or reload. */
  'conflict',
  'internal_error',
  'notification_not_found',
  /** An unsubscribe link that is not one we sent (or was altered). */
  'unsubscribe_link_invalid',
  /** The person must verify their email address first (to accept an invitation, say). */
  'email_not_verified',
  /** An emailed one-time link that is unknown, used or expired. */
  'link_expired',
  /** Delivery is reported only against an awarded SPO. */
  'spo_not_awarded',
  'report_not_found',
  'grants_not_found',
  /** The provider has answered this delivery report already: it answers once. */
  'report_already_answered',
  /** A correction supersedes this report: only the latest one is answered or corrected. */
  'report_superseded',
  /** A correction must be of a report on the same SPO line and contract year. */
  'supersedes_mismatch',
  'evidence_not_found',
  /** A file of a type not accepted here (evidence: PDF, images, text, CSV, office documents). */
  'unsupported_media_type',
  /** Fulfilment and its reports exist only for an awarded tender. */
  'tender_not_awarded',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

/** The one shape every API error has on the wire. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details: unknown;
    requestId?: string;
  };
}
