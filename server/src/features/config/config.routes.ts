import { ClientConfig } from '@shared/schemas/client-config';
import { BOUNDARY_ATTRIBUTION, type Config } from '../../config';
import type { RouteTable } from '../../http/route-table';

/** `GET /api/config`: what the browser needs to know about this deployment (public). */
export function configRoutes(
  table: RouteTable,
  config: Pick<Config, 'tileUrl' | 'tileAttribution'>,
) {
  const r = table.router('/config');
  const body: ClientConfig = {
    tileUrl: config.tileUrl,
    tileAttribution: config.tileAttribution,
    boundaryAttribution: BOUNDARY_ATTRIBUTION,
  };
  r.get('/', { response: ClientConfig }, (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(body);
  });
  return r.router;
}
