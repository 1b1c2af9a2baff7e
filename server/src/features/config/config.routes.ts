import { Router } from 'express';
import type { ClientConfig } from '@shared/schemas/client-config';
import { BOUNDARY_ATTRIBUTION, type Config } from '../../config';

/** `GET /api/config`: what the browser needs to know about this deployment (public). */
export function configRoutes(config: Pick<Config, 'tileUrl' | 'tileAttribution'>): Router {
  const router = Router();
  const body: ClientConfig = {
    tileUrl: config.tileUrl,
    tileAttribution: config.tileAttribution,
    boundaryAttribution: BOUNDARY_ATTRIBUTION,
  };
  router.get('/', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(body);
  });
  return router;
}
