import { Navigate, useParams } from 'react-router-dom';
import { AtlasMap } from '../features/map/AtlasMap';
import { TerritoriesLayer } from '../features/territories/TerritoriesLayer';
import { TerritoryPanel } from '../features/territories/TerritoryPanel';

const MAP_LABEL =
  'Map of UK policing territories. Arrow keys pan, plus and minus zoom; Tab reaches the territories, the arrow keys move between them, and Enter opens one.';

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
      <AtlasMap label={MAP_LABEL}>
        <TerritoriesLayer selectedCode={selectedCode} />
      </AtlasMap>
      <TerritoryPanel selectedCode={selectedCode} />
    </div>
  );
}
