import { Router } from 'express';
import type { HealthService } from './health.service';

/** `GET /api/health`: the app answers and its database, with PostGIS, answers too. */
export function healthRoutes(service: HealthService): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await service.check());
  });
  return router;
}
