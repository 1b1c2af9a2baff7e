/** The database every PostgreSQL test database is copied from. */
export const TEMPLATE_DATABASE = 'impact_atlas_test_template';

/** The same server URL pointing at another database. */
export function adminUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
