import type { ColumnType, RawBuilder } from 'kysely';

/** Written only as SQL expressions built in `geo.ts`; read only through them too. */
type GeometryColumn = ColumnType<unknown, RawBuilder<unknown>, RawBuilder<unknown>>;

/**
 * Kysely's view of the tables. Geometry columns are opaque here: they are read and
 * written only through the SQL in `geo.ts`.
 */
export interface TerritoriesTable {
  code: string;
  name: string;
  force: string;
  nation: string;
  geom: GeometryColumn;
  geom_display: GeometryColumn;
  updated_at: ColumnType<Date, never, RawBuilder<unknown>>;
}

export interface SchemaMigrationsTable {
  version: string;
  applied_at: ColumnType<Date, never, never>;
}

export interface Database {
  territories: TerritoriesTable;
  schema_migrations: SchemaMigrationsTable;
}
