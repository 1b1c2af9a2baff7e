import { PlaceMatches, PlacesQuery } from '@shared/schemas/places';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import type { PlacesService } from './places.service';

/** `GET /api/places?q=OX4`: towns and postcode districts by name; public reference data. */
export function placesRoutes(table: RouteTable, service: PlacesService) {
  const r = table.router('/places');
  r.get('/', { response: PlaceMatches }, validate('query', PlacesQuery), async (_req, res) => {
    const query = parsed(res, 'query', PlacesQuery);
    res.set('Cache-Control', 'public, max-age=300').json({ items: await service.search(query) });
  });
  return r.router;
}
