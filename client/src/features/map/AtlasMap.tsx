import type { ReactNode } from 'react';
import { MapContainer, TileLayer } from 'react-leaflet';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useClientConfig } from '../config/config.queries';
import { MapAccessibleName } from './MapAccessibleName';
import { MapAttribution } from './MapAttribution';
import { MapSizeWatcher } from './MapSizeWatcher';
import { UK_BOUNDS } from './uk-bounds';
import { ZoomAnimationGuard } from './ZoomAnimationGuard';

/**
 * The UK base map: the configured tile layer, if any, under the vector layers given as
 * children. Tiles are optional: without a reachable tile server the vector layers still work.
 */
export function AtlasMap({ children }: { children: ReactNode }) {
  const config = useClientConfig();
  const settings = config.data;

  return (
    <div className="atlas-map">
      <MapContainer
        className="atlas-map__canvas"
        bounds={UK_BOUNDS}
        // Half steps let the UK fill the map more closely than whole zoom levels do.
        zoomSnap={0.5}
        minZoom={4}
      >
        <MapAccessibleName label="Map of UK policing territories. Arrow keys pan, plus and minus zoom." />
        <MapSizeWatcher />
        <ZoomAnimationGuard />
        {settings?.tileUrl ? (
          <TileLayer url={settings.tileUrl} attribution={settings.tileAttribution} />
        ) : null}
        {settings ? <MapAttribution text={settings.boundaryAttribution} /> : null}
        {children}
      </MapContainer>
      {config.isError ? (
        <div className="atlas-map__notice">
          <ErrorMessage
            title="The map settings could not be loaded"
            error={config.error}
            onRetry={() => void config.refetch()}
            isRetrying={config.isFetching}
          />
        </div>
      ) : null}
    </div>
  );
}
