import { useMemo } from 'react';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { useTerritories } from '../territories/territories.queries';
import { NeedAttribution } from './NeedAttribution';
import { NeedLegend } from './NeedLegend';
import { NeedTable } from './NeedTable';
import { useLadNeed } from './need.queries';
import './need.css';

/**
 * Beside the need layer: its key, its credits and its table, the districts of the selected
 * territory or, with none selected, all of them. Loaded only once the layer is switched on.
 */
export function NeedLayerDetails({ selectedCode }: { selectedCode: string | undefined }) {
  const query = useLadNeed();
  const territories = useTerritories();
  const lads = useMemo(() => query.data?.features.map((f) => f.properties) ?? [], [query.data]);
  const territoryNames = useMemo(
    () => new Map(territories.data?.features.map((f) => [f.properties.code, f.properties.name])),
    [territories.data],
  );

  if (query.isPending) return <LoadingMessage>Loading the need map…</LoadingMessage>;
  if (query.isError) return <QueryError title="The need map could not be loaded" query={query} />;
  if (lads.length === 0) {
    return <p>No need figures are available yet: the open data has not been imported.</p>;
  }

  const inSelected = selectedCode ? lads.filter((lad) => lad.territoryCode === selectedCode) : [];
  const selectedName = selectedCode ? territoryNames.get(selectedCode) : undefined;
  const shown = inSelected.length > 0 ? inSelected : lads;
  const caption =
    inSelected.length > 0 && selectedName
      ? `Need in the ${inSelected.length} districts of ${selectedName}.`
      : `Need in all ${lads.length} districts of the UK.`;

  return (
    <div className="need-layer-details">
      <NeedLegend lads={lads} />
      <NeedAttribution />
      <NeedTable
        lads={shown}
        territoryNames={territoryNames}
        caption={caption}
        showTerritory={shown === lads}
      />
    </div>
  );
}
