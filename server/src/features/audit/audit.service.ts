import type { AuditEntryView, AuditQuery, Page } from '@shared/schemas/accounts';
import type { ServiceDeps } from '../../composition';
import type { RequestContext } from '../../lib/actor';
import type { AuditRecord } from './audit.repo';

/** An audit entry for a change made in this request; `organisationId` is whom it concerns. */
export function auditEntry(
  ctx: RequestContext,
  entry: Pick<AuditRecord, 'action' | 'objectType' | 'objectId' | 'summary'> & {
    organisationId?: string | null;
  },
): AuditRecord {
  const actor = ctx.actor.kind === 'person' ? ctx.actor : undefined;
  return {
    actorId: actor?.personId ?? null,
    actingOrganisationId: actor?.actingFor ?? null,
    organisationId: entry.organisationId ?? null,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    summary: entry.summary,
    requestId: ctx.requestId,
  };
}

/** Reading the audit trail; writing happens inside each change's own transaction. */
export function createAuditService({ repos }: Pick<ServiceDeps, 'repos'>) {
  const repo = repos.audit;
  return {
    /** Entries within `scope` ('all', or these organisations' entries), newest first. */
    async list(query: AuditQuery, scope: 'all' | string[]): Promise<Page<AuditEntryView>> {
      const { rows, total } = await repo.list(query, scope === 'all' ? undefined : scope);
      return {
        items: rows.map((r) => ({
          id: String(r.id),
          at: new Date(r.at).toISOString(),
          actorId: r.actor_id,
          actingOrganisationId: r.acting_organisation_id,
          organisationId: r.organisation_id,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          summary: r.summary,
          requestId: r.request_id,
        })),
        page: query.page,
        pageSize: query.pageSize,
        total,
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
