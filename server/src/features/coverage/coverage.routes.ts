import { CoverageDetail, TerritoryCoverage } from '@shared/schemas/coverage';
import { z } from 'zod';
import { TerritoryCode } from '@shared/schemas/territories';
import { context } from '../../http/context';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import type { CoverageService } from './coverage.service';

const CodeParams = z.object({ code: z.string().toUpperCase().pipe(TerritoryCode) });

/** `/api/coverage`: public figures for all; a buyer's own pipeline only for its members. */
export function coverageRoutes(table: RouteTable, service: CoverageService) {
  const r = table.router('/coverage');
  // Personalised for buyers, so never shared by caches.
  const noStore = { 'Cache-Control': 'private, no-store' };

  r.get('/', { response: z.array(TerritoryCoverage) }, async (_req, res) => {
    res.set(noStore).json(await service.all(context(res).actor));
  });

  r.get(
    '/:code',
    { response: CoverageDetail },
    validate('params', CodeParams),
    async (_req, res) => {
      res
        .set(noStore)
        .json(await service.one(context(res).actor, parsed(res, 'params', CodeParams).code));
    },
  );

  return r.router;
}
