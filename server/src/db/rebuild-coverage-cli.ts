import { loadConfig } from '../config';
import { createCoverageRepo } from '../features/coverage/coverage.repo';
import { openConfiguredDatabase } from './open';

/**
 * `npm run db:rebuild-coverage [CODE…]`: recomputes the coverage figures from the activities
 * and awarded SPOs, for the territories named or all 45. Maintenance only: writes keep the
 * figures by delta, and the tests hold the two to the same answer. Writers wait while it runs.
 */
const codes = process.argv.slice(2);
const database = await openConfiguredDatabase(loadConfig());
try {
  const started = performance.now();
  await database.db.transaction().execute(async (tx) => {
    const coverage = createCoverageRepo(tx);
    if (codes.length > 0) await coverage.rebuild(codes);
    else await coverage.rebuildAll();
  });
  const took = Math.round(performance.now() - started);
  console.log(
    `Coverage rebuilt for ${codes.length > 0 ? codes.join(', ') : 'all territories'} in ${took} ms.`,
  );
} finally {
  await database.close();
}
