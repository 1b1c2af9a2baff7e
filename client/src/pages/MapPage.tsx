import { Navigate, useParams } from 'react-router-dom';
import { AtlasMap } from '../features/map/AtlasMap';
import { TerritoriesLayer } from '../features/territories/TerritoriesLayer';
import { TerritoryPanel } from '../features/territories/TerritoryPanel';

const MAP_LABEL =
  'Map of UK policing territories. Arrow keys pan, plus and minus zoom; Tab reaches the territories, the arrow keys move between them, Enter opens one and Escape returns to the map.';
const KEYS_HINT =
  'Territories: arrow keys to move, Enter to open, Esc back to the map. Map: arrow keys pan, + and − zoom.';
const PANEL_ID = 'territory-panel';

/** `/` and `/territories/:code`: the map of territories with the side panel. */
export function MapPage() {
  const { code } = useParams();
  const selectedCode = code?.trim().toUpperCase();
  // ONS codes are upper case; one typed in lower case still deserves the page, at its proper address.
  if (code !== undefined && code !== selectedCode) {
    return <Navigate to={`/territories/${selectedCode}`} replace />;
  }

  return (
    <div className="map-page">
      <AtlasMap label={MAP_LABEL} skipTo={PANEL_ID} keysHint={KEYS_HINT}>
        <TerritoriesLayer selectedCode={selectedCode} />
      </AtlasMap>
      <TerritoryPanel id={PANEL_ID} selectedCode={selectedCode} />
    </div>
  );
}
