import type { Kysely } from 'kysely';
import type { AuditQuery } from '@shared/schemas/accounts';
import type { Database } from '../../db/schema';

export interface AuditRecord {
  actorId: string | null;
  actingOrganisationId: string | null;
  organisationId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  summary: Record<string, unknown>;
  requestId: string | null;
}

/** The append-only audit trail. Pass the transaction of the change, so both commit together. */
export function createAuditRepo(db: Kysely<Database>) {
  return {
    async record(entry: AuditRecord): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          actor_id: entry.actorId,
          acting_organisation_id: entry.actingOrganisationId,
          organisation_id: entry.organisationId,
          action: entry.action,
          object_type: entry.objectType,
          object_id: entry.objectId,
          summary: JSON.stringify(entry.summary),
          request_id: entry.requestId,
        })
        .execute();
    },

    /** Entries newest first, filtered; `organisationIds` limits them to those organisations. */
    async list(query: AuditQuery, organisationIds?: string[]) {
      let q = db.selectFrom('audit_log');
      if (organisationIds) q = q.where('organisation_id', 'in', organisationIds);
      if (query.organisationId) q = q.where('organisation_id', '=', query.organisationId);
      if (query.objectType) q = q.where('object_type', '=', query.objectType);
      if (query.objectId) q = q.where('object_id', '=', query.objectId);
      if (query.actorId) q = q.where('actor_id', '=', query.actorId);
      if (query.from) q = q.where('at', '>=', new Date(query.from));
      if (query.to) q = q.where('at', '<', new Date(query.to));
      const [rows, count] = await Promise.all([
        q
          .selectAll()
          .orderBy('id', 'desc')
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
