import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { OrganisationView } from '@shared/schemas/accounts';
import { useTerritories } from '../territories/territories.queries';
import { KIND_LABELS, SECTOR_LABELS } from './organisation-labels';

/** The territories' names, by code; codes stand in while the names load or if they fail to. */
function useTerritoryNames(): Map<string, string> {
  const { data } = useTerritories();
  return useMemo(
    () => new Map(data?.features.map((f) => [f.properties.code, f.properties.name]) ?? []),
    [data],
  );
}

/** An organisation's public profile: kind, identifiers, verification and territories. */
export function OrganisationProfile({ organisation }: { organisation: OrganisationView }) {
  const names = useTerritoryNames();
  const territories = organisation.territories
    .map((code) => ({ code, name: names.get(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));

  return (
    <>
      <p className="badges">
        {organisation.verified ? (
          <span className="badge badge--verified" data-testid="verified-badge">
            Verified
          </span>
        ) : (
          <span className="badge" data-testid="verified-badge">
            Not verified yet
          </span>
        )}
        {organisation.demo ? (
          <span className="badge badge--demo" title="Made up for demonstrations">
            Demo
          </span>
        ) : null}
      </p>
      <dl className="details">
        <dt>Kind</dt>
        <dd>{KIND_LABELS[organisation.kind]}</dd>
        {organisation.buyerSector ? (
          <>
            <dt>Sector</dt>
            <dd>{SECTOR_LABELS[organisation.buyerSector]}</dd>
          </>
        ) : null}
        <dt>Registered id</dt>
        <dd>
          {organisation.registeredId ? <code>{organisation.registeredId}</code> : 'None given'}
        </dd>
        <dt>Territories</dt>
        <dd>
          {territories.length === 0 ? (
            'None chosen yet'
          ) : (
            <ul className="inline-list">
              {territories.map((territory) => (
                <li key={territory.code}>
                  <Link to={`/territories/${territory.code}`}>{territory.name}</Link>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </>
  );
}
