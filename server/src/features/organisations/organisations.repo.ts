import { sql, type Kysely } from 'kysely';
import type { OrganisationCreate, OrganisationUpdate } from '@shared/schemas/accounts';
import type { Database } from '../../db/schema';

export interface OrganisationRow {
  id: string;
  kind: 'provider' | 'supplier' | 'buyer';
  name: string;
  registered_id: string | null;
  buyer_sector: 'police' | 'nhs' | 'council' | 'fire' | 'justice' | null;
  verified: boolean;
  is_demo: boolean;
  territories: string[];
}

/** Organisations, their territories, members and invitations. */
export function createOrganisationsRepo(db: Kysely<Database>) {
  const withTerritories = () =>
    db.selectFrom('organisations as o').select([
      'o.id',
      'o.kind',
      'o.name',
      'o.registered_id',
      'o.buyer_sector',
      'o.verified',
      'o.is_demo',
      sql<string[]>`coalesce((SELECT array_agg(territory_code ORDER BY territory_code)
          FROM organisation_territories t WHERE t.organisation_id = o.id), '{}')`.as('territories'),
    ]);

  async function setTerritories(organisationId: string, codes: string[]): Promise<void> {
    await db
      .deleteFrom('organisation_territories')
      .where('organisation_id', '=', organisationId)
      .execute();
    if (codes.length > 0) {
      await db
        .insertInto('organisation_territories')
        .values(
          [...new Set(codes)].map((code) => ({
            organisation_id: organisationId,
            territory_code: code,
          })),
        )
        .execute();
    }
  }

  return {
    findById(id: string): Promise<OrganisationRow | undefined> {
      return withTerritories().where('o.id', '=', id).executeTakeFirst();
    },

    /** The oldest organisation with exactly this name (names are not unique). */
    findByName(name: string): Promise<OrganisationRow | undefined> {
      return withTerritories()
        .where('o.name', '=', name)
        .orderBy('o.created_at')
        .executeTakeFirst();
    },

    findByIds(ids: string[]): Promise<OrganisationRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return withTerritories().where('o.id', 'in', ids).orderBy('o.name').execute();
    },

    async list(filter: { kind?: string; q?: string; page: number; pageSize: number }) {
      let q = withTerritories();
      let count = db.selectFrom('organisations as o');
      if (filter.kind) {
        q = q.where('o.kind', '=', filter.kind as OrganisationRow['kind']);
        count = count.where('o.kind', '=', filter.kind as OrganisationRow['kind']);
      }
      if (filter.q) {
        const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where('o.name', 'ilike', like);
        count = count.where('o.name', 'ilike', like);
      }
      const [rows, total] = await Promise.all([
        q
          .orderBy('o.name')
          .orderBy('o.id')
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize)
          .execute(),
        count.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    /** Codes among `codes` that are not territories. */
    async unknownTerritories(codes: string[]): Promise<string[]> {
      if (codes.length === 0) return [];
      const found = await db
        .selectFrom('territories')
        .select('code')
        .where('code', 'in', codes)
        .execute();
      const known = new Set(found.map((r) => r.code));
      return codes.filter((c) => !known.has(c));
    },

    async insert(
      values: OrganisationCreate & { isDemo?: boolean; verified?: boolean },
    ): Promise<string> {
      const row = await db
        .insertInto('organisations')
        .values({
          kind: values.kind,
          name: values.name,
          registered_id: values.registeredId ?? null,
          buyer_sector: values.kind === 'buyer' ? values.buyerSector : null,
          is_demo: values.isDemo ?? false,
          verified: values.verified ?? false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await setTerritories(row.id, values.territories);
      return row.id;
    },

    /** Inserts many organisations with ids chosen by the caller (demo data), in batches. */
    async insertMany(
      rows: {
        id: string;
        kind: 'provider' | 'supplier';
        name: string;
        registeredId: string | null;
        territory: string;
        verified: boolean;
        isDemo: boolean;
      }[],
    ): Promise<void> {
      for (let i = 0; i < rows.length; i += 2000) {
        const batch = rows.slice(i, i + 2000);
        await db
          .insertInto('organisations')
          .values(
            batch.map((r) => ({
              id: r.id,
              kind: r.kind,
              name: r.name,
              registered_id: r.registeredId,
              buyer_sector: null,
              verified: r.verified,
              is_demo: r.isDemo,
            })),
          )
          .execute();
        await db
          .insertInto('organisation_territories')
          .values(batch.map((r) => ({ organisation_id: r.id, territory_code: r.territory })))
          .execute();
      }
    },

    /** Deletes demo organisations nobody belongs to and nothing refers to; answers how many. */
    async deleteUnusedDemo(): Promise<number> {
      const result = await db
        .deleteFrom('organisations as o')
        .where('o.is_demo', '=', true)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('memberships as m')
                .select('m.person_id')
                .whereRef('m.organisation_id', '=', 'o.id'),
            ),
          ),
        )
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('activities as a').select('a.id').whereRef('a.provider_id', '=', 'o.id'),
            ),
          ),
        )
        // The demo story's suppliers have bids and no people: they stay with their bids.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(selectFrom('spos as s').select('s.id').whereRef('s.supplier_id', '=', 'o.id')),
          ),
        )
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(selectFrom('tenders as t').select('t.id').whereRef('t.buyer_id', '=', 'o.id')),
          ),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async update(id: string, changes: OrganisationUpdate): Promise<void> {
      const set: Record<string, unknown> = {};
      if (changes.name !== undefined) set.name = changes.name;
      if (changes.registeredId !== undefined) set.registered_id = changes.registeredId;
      if (changes.buyerSector !== undefined) set.buyer_sector = changes.buyerSector;
      await db
        .updateTable('organisations')
        .set({ ...set, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
      if (changes.territories) await setTerritories(id, changes.territories);
    },

    async setVerified(id: string, verified: boolean): Promise<void> {
      await db
        .updateTable('organisations')
        .set({ verified, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    members(organisationId: string) {
      return db
        .selectFrom('memberships as m')
        .innerJoin('people as p', 'p.id', 'm.person_id')
        .select(['m.person_id', 'm.role', 'p.name', 'p.email'])
        .where('m.organisation_id', '=', organisationId)
        .orderBy('p.name')
        .execute();
    },

    pendingInvitations(organisationId: string) {
      return db
        .selectFrom('invitations')
        .select(['email', 'role', 'created_at', 'expires_at'])
        .where('organisation_id', '=', organisationId)
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', new Date())
        .orderBy('created_at')
        .execute();
    },

    findMembership(organisationId: string, personId: string) {
      return db
        .selectFrom('memberships')
        .select(['role'])
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .executeTakeFirst();
    },

    async addMember(
      organisationId: string,
      personId: string,
      role: 'owner' | 'member',
    ): Promise<boolean> {
      const row = await db
        .insertInto('memberships')
        .values({ organisation_id: organisationId, person_id: personId, role })
        .onConflict((oc) => oc.columns(['person_id', 'organisation_id']).doNothing())
        .returning('role')
        .executeTakeFirst();
      return row !== undefined;
    },

    async removeMember(organisationId: string, personId: string): Promise<void> {
      await db
        .deleteFrom('memberships')
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .execute();
    },

    /** Owners of the organisation, locked until the transaction ends (guards the last owner). */
    async lockOwners(organisationId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('memberships')
        .select('person_id')
        .where('organisation_id', '=', organisationId)
        .where('role', '=', 'owner')
        .forUpdate()
        .execute();
      return rows.map((r) => r.person_id);
    },

    /**
     * Invites an email, or renews its invitation with a new token. The caller has checked
     * that the email is not a member's.
     */
    async invite(values: {
      organisationId: string;
      email: string;
      role: 'owner' | 'member';
      invitedBy: string;
      tokenHash: string;
      expiresAt: Date;
    }): Promise<void> {
      await db
        .insertInto('invitations')
        .values({
          organisation_id: values.organisationId,
          email: values.email,
          role: values.role,
          invited_by: values.invitedBy,
          token_hash: values.tokenHash,
          expires_at: values.expiresAt,
        })
        .onConflict((oc) =>
          oc.columns(['organisation_id', 'email']).doUpdateSet({
            role: values.role,
            invited_by: values.invitedBy,
            token_hash: values.tokenHash,
            expires_at: values.expiresAt,
            // A person who left may be invited back.
            accepted_at: null,
          }),
        )
        .execute();
    },

    /** A pending, unexpired invitation by its token, locked until the transaction ends. */
    findOpenInvitation(tokenHash: string) {
      return db
        .selectFrom('invitations')
        .select(['id', 'organisation_id', 'email', 'role', 'invited_by'])
        .where('token_hash', '=', tokenHash)
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', new Date())
        .forUpdate()
        .executeTakeFirst();
    },

    async markAccepted(invitationId: string): Promise<void> {
      await db
        .updateTable('invitations')
        .set({ accepted_at: new Date() })
        .where('id', '=', invitationId)
        .execute();
    },
  };
}

export type OrganisationsRepo = ReturnType<typeof createOrganisationsRepo>;
