import type { Health } from '@shared/schemas/health';
import { AppError } from '../../lib/app-error';
import type { HealthRepo } from './health.repo';

/** Health as load balancers and monitors read it: a 503 when the database does not answer. */
export function createHealthService(repo: HealthRepo) {
  return {
    async check(): Promise<Health> {
      try {
        return { status: 'ok', database: repo.kind, postgis: await repo.postgisVersion() };
      } catch (error) {
        throw new AppError('database_unavailable', 503, 'The database is not answering', {
          database: repo.kind,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    },
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
