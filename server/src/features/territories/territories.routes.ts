import {
  LocateQuery,
  LocateResult,
  TerritoryCollection,
  TerritoryFeature,
  TerritoryParams,
} from '@shared/schemas/territories';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import type { TerritoriesService } from './territories.service';

const GEOJSON = 'application/geo+json; charset=utf-8';

/** `/api/territories`: public, read-only. */
export function territoriesRoutes(table: RouteTable, service: TerritoriesService) {
  const router = table.router('/territories');

  router.get('/', { response: TerritoryCollection }, async (req, res) => {
    const { etag, body } = await service.displayCollection();
    res.set({
      ETag: etag,
      'Cache-Control': 'public, max-age=300, must-revalidate',
      Vary: 'Accept-Encoding',
    });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type(GEOJSON).send(body);
  });

  // Before `/:code`, so that "locate" is never read as a code.
  router.get(
    '/locate',
    { response: LocateResult },
    validate('query', LocateQuery),
    async (_req, res) => {
      const { lon, lat } = parsed(res, 'query', LocateQuery);
      res.json(await service.locate(lon, lat));
    },
  );

  router.get(
    '/:code',
    { response: TerritoryFeature },
    validate('params', TerritoryParams),
    async (_req, res) => {
      const { code } = parsed(res, 'params', TerritoryParams);
      const feature = await service.getTerritory(code);
      res.set('Cache-Control', 'public, max-age=300');
      res.type(GEOJSON).send(JSON.stringify(feature));
    },
  );

  return router.router;
}
