import type { OpenDataIndex } from '@shared/schemas/open-data';
import { BOUNDARY_ATTRIBUTION, type OpenDataConfig } from '../../config';
import { AppError } from '../../lib/app-error';
import { grant } from './open-data.grants';
import { pounds } from './open-data.ids';
import { OCDS_EXTENSIONS, OGL_URL, ocdsRelease } from './open-data.ocds';
import { orukService } from './open-data.oruk';
import type { OpenDataRepo, OrganisationRow } from './open-data.repo';

/** Releases per page of the OCDS package, and grants per page of the 360Giving file. */
export const OCDS_PAGE_SIZE = 100;
export const GRANTS_PAGE_SIZE = 1000;

const OGL = { name: 'Open Government Licence v3.0', url: OGL_URL };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A page of an export, and the page after it if there is one (for a `Link` header). */
export interface Paged<T> {
  body: T;
  next: number | null;
}

export interface OpenDataSettings {
  openData: OpenDataConfig;
  /** Where the site is published: dataset URLs are absolute, built on it. */
  publicUrl: string;
}

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The open data: public facts only (awarded tenders, listed activities, what providers
 * confirmed, committed figures), in the standards buyers and funders already read, under
 * the Open Government Licence with the attributions the data carried requires.
 */
export function createOpenDataService(
  repo: OpenDataRepo,
  { openData, publicUrl }: OpenDataSettings,
  now: () => Date = () => new Date(),
) {
  const base = publicUrl.replace(/\/$/, '');
  const url = (path: string) => `${base}${path}`;
  const publisher = { name: openData.publisherName, uri: url('/') };

  return {
    /** What is published where, in which standard, under which licence and attribution. */
    index(): OpenDataIndex {
      return {
        publisher,
        licence: OGL,
        datasets: [
          {
            id: 'ocds',
            title: 'Awarded contracts (Open Contracting Data Standard)',
            description:
              'Every awarded tender as an OCDS 1.1 release: buyer, winning supplier and the providers it pays, ' +
              'the social-value goals, the committed contributions as agreed metrics and anniversary milestones, ' +
              'and provider-confirmed deliveries as implementation transactions and metrics. ' +
              'Bids that did not win are never published.',
            url: url('/api/open-data/ocds/release-package.json'),
            format: 'json',
            standard: {
              name: 'Open Contracting Data Standard (metrics and sustainability extensions)',
              version: '1.1',
              url: 'https://standard.open-contracting.org/1.1/en/',
            },
            paging: `?page=N, ${OCDS_PAGE_SIZE} releases a page; a Link header gives the next page`,
            licence: OGL,
            attribution: [],
          },
          {
            id: '360giving',
            title: 'Confirmed cash contributions (360Giving)',
            description:
              'Cash contributions confirmed as received by the provider, one grant per confirmed report: ' +
              'the supplier funds, the provider receives. Unconfirmed, disputed, in-kind, volunteering and ' +
              'estimated (proxy) values are never included.',
            url: url('/api/open-data/360giving/grants.json'),
            format: 'json',
            standard: {
              name: '360Giving Data Standard',
              version: '1.4',
              url: 'https://standard.threesixtygiving.org/en/latest/',
            },
            paging: `?page=N, ${GRANTS_PAGE_SIZE} grants a page; a Link header gives the next page`,
            licence: OGL,
            attribution: [],
          },
          {
            id: 'openreferral',
            title: 'Community activities (Open Referral UK)',
            description:
              'Listed community activities as HSDS 3.0 services (UK profile), with their provider, area, ' +
              'location and taxonomy terms. Open to any origin (CORS).',
            url: url('/openreferral/services'),
            format: 'json',
            standard: {
              name: 'Open Referral UK (HSDS 3.0 UK profile)',
              version: '3.0',
              url: 'https://openreferraluk.org/',
            },
            paging: '?page=N&per_page=M (up to 100); /openreferral/services/{id} for one service',
            licence: OGL,
            attribution: [],
          },
          {
            id: 'coverage-geojson',
            title: 'Coverage per territory (GeoJSON)',
            description:
              'Each policing territory with its display boundary, listed and supported activities, £ a year ' +
              'committed by awarded SPOs and £ confirmed delivered (cash and in-kind).',
            url: url('/api/open-data/coverage.geojson'),
            format: 'geojson',
            standard: null,
            paging: null,
            licence: OGL,
            attribution: [BOUNDARY_ATTRIBUTION],
          },
          {
            id: 'coverage-csv',
            title: 'Coverage per territory (CSV)',
            description:
              'The same figures as the GeoJSON, one row per territory, without boundaries.',
            url: url('/api/open-data/coverage.csv'),
            format: 'csv',
            standard: null,
            paging: null,
            licence: OGL,
            attribution: [],
          },
        ],
      };
    },

    /** One page of the OCDS release package: awarded tenders only, oldest award first. */
    async ocdsPackage(page: number): Promise<Paged<Record<string, unknown>>> {
      const total = await repo.countAwardedContracts();
      const rows = await repo.awardedContracts(OCDS_PAGE_SIZE, (page - 1) * OCDS_PAGE_SIZE);
      const spoIds = rows.map((r) => r.spo_id);
      const reports = await repo.confirmedReports(spoIds);
      const orgIds = rows.flatMap((r) => {
        const lines = (JSON.parse(r.content) as { lines: { activity: { providerId: string } }[] })
          .lines;
        return [r.buyer_id, r.supplier_id, ...lines.map((l) => l.activity.providerId)];
      });
      const orgs = new Map<string, OrganisationRow>(
        (await repo.organisations(orgIds)).map((o) => [o.id, o]),
      );
      const today = now().toISOString().slice(0, 10);
      const releases = rows.map((row) =>
        ocdsRelease(
          row,
          orgs,
          reports.filter((r) => r.spo_id === row.spo_id),
          { orgIdPrefix: openData.orgIdPrefix, today },
        ),
      );
      const path = '/api/open-data/ocds/release-package.json';
      return {
        body: {
          uri: url(page === 1 ? path : `${path}?page=${page}`),
          version: '1.1',
          extensions: OCDS_EXTENSIONS,
          publishedDate: now().toISOString(),
          publisher,
          license: OGL_URL,
          publicationPolicy: url('/open-data'),
          releases,
        },
        next: page * OCDS_PAGE_SIZE < total ? page + 1 : null,
      };
    },

    /** One page of the 360Giving grants file: provider-confirmed cash only. */
    async grantsPackage(page: number): Promise<Paged<Record<string, unknown>>> {
      const total = await repo.countConfirmedCash();
      const rows = await repo.confirmedCash(GRANTS_PAGE_SIZE, (page - 1) * GRANTS_PAGE_SIZE);
      // A 360Giving package holds at least one grant: with none (yet, or past the last page)
      // there is no valid file to give, so the answer says so rather than sending an invalid one.
      if (rows.length === 0)
        throw new AppError(
          'grants_not_found',
          404,
          total === 0
            ? 'No provider-confirmed cash contributions have been published yet'
            : `There is no page ${page}: the grants fill ${Math.ceil(total / GRANTS_PAGE_SIZE)}`,
        );
      return {
        body: {
          grants: rows.map((r) =>
            grant(r, { grant: openData.grantIdPrefix, orgIdList: openData.orgIdPrefix }),
          ),
          version: '1.4',
          title: `${openData.publisherName}: confirmed social-value cash contributions`,
          issued: now().toISOString(),
          publisher: { name: openData.publisherName, website: url('/') },
          accessURL: url('/open-data'),
          license: OGL_URL,
        },
        next: page * GRANTS_PAGE_SIZE < total ? page + 1 : null,
      };
    },

    /** A page of services in the Open Referral list shape. */
    async services(page: number, perPage: number) {
      const total = await repo.countServices();
      const rows = await repo.services(perPage, (page - 1) * perPage);
      const totalPages = Math.ceil(total / perPage);
      return {
        total_items: total,
        total_pages: totalPages,
        page_number: page,
        size: perPage,
        first_page: page === 1,
        last_page: page >= totalPages,
        empty: rows.length === 0,
        contents: rows.map((r) => orukService(r, openData.orgIdPrefix)),
      };
    },

    async service(id: string) {
      const [row] = UUID.test(id) ? await repo.services(1, 0, id.toLowerCase()) : [];
      if (!row) throw new AppError('activity_not_found', 404, 'No such service');
      return orukService(row, openData.orgIdPrefix);
    },

    /** The Open Referral API's root: which version and profile it serves. */
    orukInfo() {
      return {
        version: '3.0',
        profile: 'https://github.com/OpenReferralUK/uk-profile',
        openapi_url:
          'https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/schema/openapi.json',
        publisher,
        license: OGL_URL,
      };
    },

    /** Territories with their display boundaries and figures, with the ONS attribution. */
    async coverageGeoJson() {
      const rows = await repo.coverage();
      return {
        type: 'FeatureCollection' as const,
        license: OGL_URL,
        attribution: BOUNDARY_ATTRIBUTION,
        features: rows.map((r) => ({
          type: 'Feature' as const,
          id: r.code,
          geometry: r.geometry,
          properties: {
            code: r.code,
            name: r.name,
            nation: r.nation,
            ...figures(r),
          },
        })),
      };
    },

    async coverageCsv(): Promise<string> {
      const rows = await repo.coverage();
      const header = [
        'code',
        'name',
        'nation',
        'activities_listed',
        'activities_supported',
        'committed_gbp_per_year',
        'delivered_gbp_confirmed',
      ];
      const lines = rows.map((r) => {
        const f = figures(r);
        return [
          r.code,
          r.name,
          r.nation,
          f.activitiesListed,
          f.activitiesSupported,
          f.committedGbpPerYear.toFixed(2),
          f.deliveredGbpConfirmed.toFixed(2),
        ]
          .map(csvField)
          .join(',');
      });
      return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
    },
  };
}

function figures(r: {
  activities_listed: number | null;
  activities_supported: number | null;
  committed_pence: string | null;
  delivered_pence: string | null;
}) {
  return {
    activitiesListed: r.activities_listed ?? 0,
    activitiesSupported: r.activities_supported ?? 0,
    committedGbpPerYear: pounds(r.committed_pence ?? 0),
    deliveredGbpConfirmed: pounds(r.delivered_pence ?? 0),
  };
}

export type OpenDataService = ReturnType<typeof createOpenDataService>;
