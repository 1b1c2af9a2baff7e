import { sql, type Kysely } from 'kysely';
import type { MeasureRow } from '@shared/schemas/toms';
import type { Database } from '../../db/schema';

export interface FrameworkImport {
  id: string;
  name: string;
  source: string;
  licence: string;
  measures: MeasureRow[];
}

/** TOMs frameworks and measures: reference data, read by everyone. */
export function createTomsRepo(db: Kysely<Database>) {
  return {
    frameworks() {
      return db
        .selectFrom('toms_frameworks as f')
        .select([
          'f.id',
          'f.name',
          'f.source',
          'f.licence',
          sql<number>`(SELECT count(*)::int FROM toms_measures m WHERE m.framework_id = f.id)`.as(
            'measure_count',
          ),
        ])
        .orderBy('f.name')
        .execute();
    },

    measures(frameworkId?: string) {
      let q = db
        .selectFrom('toms_measures')
        .select([
          'framework_id',
          'code',
          'theme',
          'measure',
          'unit',
          sql<string>`proxy_value_gbp::text`.as('proxy_value_gbp'),
        ]);
      if (frameworkId) q = q.where('framework_id', '=', frameworkId);
      return q.orderBy('framework_id').orderBy('code').execute();
    },

    async countFrameworks(): Promise<number> {
      const row = await db
        .selectFrom('toms_frameworks')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      return row.n;
    },

    /**
     * Imports one framework and its measures, in one transaction: new and changed measures
     * are upserted; a measure dropped from the file is deleted unless an activity evidences
     * it, when the database refuses and nothing changes.
     */
    async replaceFramework(framework: FrameworkImport): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('toms_frameworks')
          .values({
            id: framework.id,
            name: framework.name,
            source: framework.source,
            licence: framework.licence,
          })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet({
              name: (eb) => eb.ref('excluded.name'),
              source: (eb) => eb.ref('excluded.source'),
              licence: (eb) => eb.ref('excluded.licence'),
              imported_at: sql`now()`,
            }),
          )
          .execute();
        let dropped = tx.deleteFrom('toms_measures').where('framework_id', '=', framework.id);
        if (framework.measures.length > 0) {
          dropped = dropped.where(
            'code',
            'not in',
            framework.measures.map((m) => m.code),
          );
        }
        await dropped.execute();
        if (framework.measures.length === 0) return;
        await tx
          .insertInto('toms_measures')
          .values(
            framework.measures.map((m) => ({
              framework_id: framework.id,
              code: m.code,
              theme: m.theme,
              measure: m.measure,
              unit: m.unit,
              proxy_value_gbp: m.proxy_value_gbp,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['framework_id', 'code']).doUpdateSet({
              theme: (eb) => eb.ref('excluded.theme'),
              measure: (eb) => eb.ref('excluded.measure'),
              unit: (eb) => eb.ref('excluded.unit'),
              proxy_value_gbp: (eb) => eb.ref('excluded.proxy_value_gbp'),
            }),
          )
          .execute();
      });
    },
  };
}

export type TomsRepo = ReturnType<typeof createTomsRepo>;
