import { expect, it } from '@jest/globals';
import { createHealthService } from '../../../server/src/features/health/health.service';
import { AppError } from '../../../server/src/lib/app-error';

it('reports ok with the PostGIS version the database gives', async () => {
  const service = createHealthService({ kind: 'postgres', postgisVersion: async () => '3.3.2' });
  expect(await service.check()).toEqual({ status: 'ok', database: 'postgres', postgis: '3.3.2' });
});

it('answers 503 database_unavailable when the database does not answer', async () => {
  const service = createHealthService({
    kind: 'postgres',
    postgisVersion: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
  });
  const error = await service.check().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: 'database_unavailable', status: 503 });
});
