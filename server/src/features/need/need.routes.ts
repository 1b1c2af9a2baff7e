import { LadNeedCollection, TerritoryNeedDetail, TerritoryNeedList } from '@shared/schemas/need';
import { TerritoryParams } from '@shared/schemas/territories';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import type { NeedService } from './need.service';

const GEOJSON = 'application/geo+json; charset=utf-8';
// Open data that changes only when it is re-imported.
const CACHE = 'public, max-age=300';

/** `/api/need`: public, read-only. */
export function needRoutes(table: RouteTable, service: NeedService) {
  const router = table.router('/need');

  router.get('/lads', { response: LadNeedCollection }, async (req, res) => {
    const { etag, body } = await service.ladCollection();
    res.set({
      ETag: etag,
      'Cache-Control': `${CACHE}, must-revalidate`,
      Vary: 'Accept-Encoding',
    });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type(GEOJSON).send(body);
  });

  router.get('/territories', { response: TerritoryNeedList }, async (_req, res) => {
    res.set('Cache-Control', CACHE);
    res.json(await service.listTerritories());
  });

  router.get(
    '/territories/:code',
    { response: TerritoryNeedDetail },
    validate('params', TerritoryParams),
    async (_req, res) => {
      const { code } = parsed(res, 'params', TerritoryParams);
      const detail = await service.getTerritory(code);
      res.set('Cache-Control', CACHE);
      res.json(detail);
    },
  );

  return router.router;
}
