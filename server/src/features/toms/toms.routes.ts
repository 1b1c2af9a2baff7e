import { z } from 'zod';
import { FrameworkView, MeasuresQuery, MeasureView } from '@shared/schemas/toms';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import type { TomsService } from './toms.service';

/** `/api/toms`: frameworks and measures with their proxy values; public reference data. */
export function tomsRoutes(table: RouteTable, service: TomsService) {
  const r = table.router('/toms');
  r.get('/frameworks', { response: z.array(FrameworkView) }, async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(await service.frameworks());
  });
  r.get(
    '/measures',
    { response: z.array(MeasureView) },
    validate('query', MeasuresQuery),
    async (_req, res) => {
      const { framework, q } = parsed(res, 'query', MeasuresQuery);
      res.set('Cache-Control', 'public, max-age=300').json(await service.measures(framework, q));
    },
  );
  return r.router;
}
