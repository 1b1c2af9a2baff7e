import { lazy, Suspense, useMemo, useState } from 'react';
import { Navigate, useParams } from 'react-router-dom';
import { AtlasMap } from '../features/map/AtlasMap';
import { TerritoriesLayer } from '../features/territories/TerritoriesLayer';
import { TerritoryPanel } from '../features/territories/TerritoryPanel';

const MAP_LABEL =
  'Map of UK policing territories. Arrow keys pan, plus and minus zoom; Tab reaches the territories, the arrow keys move between them, Enter opens one and Escape returns to the map.';
const KEYS_HINT =
  'Territories: arrow keys to move, Enter to open, Esc back to the map. Map: arrow keys pan, + and − zoom.';
const PANEL_ID = 'territory-panel';

// Over a megabyte of districts: neither the code nor the data loads until the layer is on.
const NeedLayer = lazy(() =>
  import('../features/need/NeedLayer').then((m) => ({ default: m.NeedLayer })),
);

/** `/` and `/territories/:code`: the map of territories with the side panel. */
export function MapPage() {
  const { code } = useParams();
  const selectedCode = code?.trim().toUpperCase();
  // State rather than the address: choosing a territory keeps this page, and the layer with it.
  const [needOn, setNeedOn] = useState(false);
  const needLayer = useMemo(() => ({ on: needOn, onChange: setNeedOn }), [needOn]);
  // ONS codes are upper case; one typed in lower case still deserves the page, at its proper address.
  if (code !== undefined && code !== selectedCode) {
    return <Navigate to={`/territories/${selectedCode}`} replace />;
  }

  return (
    <div className="map-page">
      <AtlasMap label={MAP_LABEL} skipTo={PANEL_ID} keysHint={KEYS_HINT}>
        {needOn ? (
          <Suspense fallback={null}>
            <NeedLayer />
          </Suspense>
        ) : null}
        <TerritoriesLayer selectedCode={selectedCode} fill={!needOn} />
      </AtlasMap>
      <TerritoryPanel id={PANEL_ID} selectedCode={selectedCode} needLayer={needLayer} />
    </div>
  );
}
