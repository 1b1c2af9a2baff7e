import {
  CATEGORY_LABELS,
  PRIORITY_GROUP_LABELS,
  THEME_LABELS,
  type Category,
  type PriorityGroup,
  type Theme,
} from '@shared/schemas/activities';
import type { ServiceRow } from './open-data.repo';
import { orgIdentifier, stableUuid } from './open-data.ids';

/** Our three vocabularies, published as HSDS taxonomies whose terms classify services. */
const TAXONOMIES = {
  theme: {
    name: 'Impact Atlas outcome themes',
    describe: (label: string) => `Activities that help make communities ${label.toLowerCase()}.`,
  },
  category: {
    name: 'Impact Atlas activity categories',
    describe: (label: string) => `Community activities in the category: ${label}.`,
  },
  group: {
    name: 'Impact Atlas priority groups',
    describe: (label: string) => `Activities that reach this priority group: ${label}.`,
  },
} as const;

type TaxonomyKey = keyof typeof TAXONOMIES;

// Closed activities are not published at all (see the repo); a paused one may resume.
const STATUS: Record<ServiceRow['status'], string> = {
  active: 'active',
  at_risk: 'active',
  paused: 'temporarily closed',
  closed: 'defunct',
};

function attribute(serviceId: string, taxonomy: TaxonomyKey, code: string, label: string) {
  const termId = stableUuid(`term:${taxonomy}:${code}`);
  return {
    id: stableUuid(`attribute:${serviceId}:${taxonomy}:${code}`),
    link_id: serviceId,
    link_type: 'service',
    taxonomy_term_id: termId,
    taxonomy_term: {
      id: termId,
      name: label,
      description: TAXONOMIES[taxonomy].describe(label),
      taxonomy: TAXONOMIES[taxonomy].name,
      taxonomy_id: stableUuid(`taxonomy:${taxonomy}`),
      term: code,
    },
  };
}

/**
 * A listed activity as an Open Referral UK (HSDS 3.0 UK profile) service: its provider as
 * the organization (with its registered identifier, if it gave one), its territory as the
 * service area, its place as a physical location, and its theme, category and priority
 * groups as taxonomy terms through attributes. Only what the activity's public page shows.
 */
export function orukService(row: ServiceRow, orgIdPrefix: string) {
  const ident = orgIdentifier(
    { id: row.provider_id, registered_id: row.provider_registered_id },
    orgIdPrefix,
  );
  const locationId = stableUuid(`location:${row.id}`);
  const radius = row.service_radius_km ? Number(row.service_radius_km) : null;
  return {
    id: row.id,
    organization_id: row.provider_id,
    name: row.title,
    description: row.description || row.summary,
    status: STATUS[row.status],
    last_modified: row.updated_at.toISOString(),
    organization: {
      id: row.provider_id,
      name: row.provider_name,
      description: `${row.provider_name}: a community provider listed on Impact Atlas.`,
      organization_identifiers: ident.registered
        ? [
            {
              id: stableUuid(`organization_identifier:${row.provider_id}`),
              organization_id: row.provider_id,
              identifier_scheme: ident.scheme,
              identifier_type: 'org-id',
              identifier: ident.local,
            },
          ]
        : [],
    },
    service_areas: [
      {
        id: stableUuid(`service_area:${row.id}`),
        service_id: row.id,
        name: row.territory_name,
        service_area:
          radius !== null
            ? `Within ${radius} km of the activity, in ${row.territory_name}`
            : row.territory_name,
        extent: row.territory_code,
        extent_type: 'ONS police force area code',
      },
    ],
    service_at_locations: [
      {
        id: stableUuid(`service_at_location:${row.id}`),
        service_id: row.id,
        location_id: locationId,
        location: {
          id: locationId,
          location_type: 'physical',
          name: row.title,
          ...(row.address ? { description: row.address } : {}),
          latitude: row.lat,
          longitude: row.lon,
        },
      },
    ],
    attributes: [
      ...row.themes.map((t) => attribute(row.id, 'theme', t, THEME_LABELS[t as Theme] ?? t)),
      attribute(
        row.id,
        'category',
        row.category,
        CATEGORY_LABELS[row.category as Category] ?? row.category,
      ),
      ...row.priority_groups.map((g) =>
        attribute(row.id, 'group', g, PRIORITY_GROUP_LABELS[g as PriorityGroup] ?? g),
      ),
    ],
  };
}

export type OrukService = ReturnType<typeof orukService>;
