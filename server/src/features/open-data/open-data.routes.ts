import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import {
  CoverageGeoJson,
  GrantsPackage,
  OcdsReleasePackage,
  OpenDataIndex,
  OpenDataPageQuery,
  OrukApiInfo,
  OrukPageQuery,
  OrukService,
  OrukServicePage,
} from '@shared/schemas/open-data';
import { AppError } from '../../lib/app-error';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import type { OpenDataService } from './open-data.service';

/**
 * Open data is for anyone, from any site: any origin may read it (no cookies are honoured
 * cross-site, so nothing personal can leak), GET only, preflights answered. Helmet's default
 * same-origin resource policy is lifted for these routes alone.
 */
export const openCors: RequestHandler = (req, res, next) => {
  res.set({
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, OPTIONS',
    'Access-Control-Allow-Headers': 'Accept, Content-Type',
    'Access-Control-Expose-Headers': 'Link',
    'Access-Control-Max-Age': '86400',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next();
};

// Public, the same for everyone: caches may keep it a few minutes.
const PUBLIC_CACHE = { 'Cache-Control': 'public, max-age=300' };

function linkNext(res: Response, path: string, next: number | null): void {
  if (next !== null) res.set('Link', `<${path}?page=${next}>; rel="next"`);
}

/** `/api/open-data`: the index and the exports (OCDS, 360Giving, coverage). */
export function openDataRoutes(table: RouteTable, service: OpenDataService) {
  const r = table.router('/open-data');
  r.router.use(openCors);

  r.get('/', { response: OpenDataIndex }, (_req, res) => {
    res.set(PUBLIC_CACHE).json(service.index());
  });

  r.get(
    '/ocds/release-package.json',
    { response: OcdsReleasePackage },
    validate('query', OpenDataPageQuery),
    async (req, res) => {
      const { page } = parsed(res, 'query', OpenDataPageQuery);
      const { body, next } = await service.ocdsPackage(page);
      linkNext(res, `${req.baseUrl}${req.path}`, next);
      res.set(PUBLIC_CACHE).json(body);
    },
  );

  r.get(
    '/360giving/grants.json',
    { response: GrantsPackage },
    validate('query', OpenDataPageQuery),
    async (req, res) => {
      const { page } = parsed(res, 'query', OpenDataPageQuery);
      const { body, next } = await service.grantsPackage(page);
      linkNext(res, `${req.baseUrl}${req.path}`, next);
      res.set(PUBLIC_CACHE).json(body);
    },
  );

  r.get('/coverage.geojson', { response: CoverageGeoJson }, async (_req, res) => {
    res
      .set(PUBLIC_CACHE)
      .type('application/geo+json')
      .send(JSON.stringify(await service.coverageGeoJson()));
  });

  r.get('/coverage.csv', { response: z.string() }, async (_req, res) => {
    res
      .set(PUBLIC_CACHE)
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', 'inline; filename="impact-atlas-coverage.csv"')
      .send(await service.coverageCsv());
  });

  return r.router;
}

/**
 * `/openreferral`: activities as an Open Referral UK API (HSDS 3.0), outside `/api` where
 * directories expect it. Its answers are checked against their envelopes like any route's.
 */
export function openReferralRoutes(service: OpenDataService) {
  const router = Router();
  router.use(openCors);

  router.get('/', (_req, res) => {
    res.set(PUBLIC_CACHE).json(OrukApiInfo.parse(service.orukInfo()));
  });

  router.get('/services', validate('query', OrukPageQuery), async (_req, res) => {
    const { page, per_page } = parsed(res, 'query', OrukPageQuery);
    res.set(PUBLIC_CACHE).json(OrukServicePage.parse(await service.services(page, per_page)));
  });

  router.get('/services/:id', async (req, res) => {
    res.set(PUBLIC_CACHE).json(OrukService.parse(await service.service(String(req.params.id))));
  });

  router.use((req) => {
    throw new AppError(
      'route_not_found',
      req.method === 'GET' ? 404 : 405,
      `No Open Referral route ${req.method} ${req.baseUrl}${req.path}`,
    );
  });

  return router;
}
