import { Health } from '@shared/schemas/health';
import type { RouteTable } from '../../http/route-table';
import type { HealthService } from './health.service';

/** `GET /api/health`: the app answers and its database, with PostGIS, answers too. */
export function healthRoutes(table: RouteTable, service: HealthService) {
  const r = table.router('/health');
  r.get('/', { response: Health }, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await service.check());
  });
  return r.router;
}
