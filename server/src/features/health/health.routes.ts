import { Router } from 'express';
import type { Health } from '@shared/schemas/health';
import type { DatabaseHandle } from '../../db/client';
import { postgisVersion } from '../../db/geo';

/** `GET /api/health`: the app answers and its database, with PostGIS, answers too. */
export function healthRoutes(database: DatabaseHandle): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const { rows } = await postgisVersion.execute(database.db);
    const body: Health = {
      status: 'ok',
      database: database.kind,
      postgis: rows[0]?.version ?? 'unknown',
    };
    res.set('Cache-Control', 'no-store').json(body);
  });
  return router;
}
