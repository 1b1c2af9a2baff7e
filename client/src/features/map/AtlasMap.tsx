import type { ReactNode } from 'react';
import { MapContainer, TileLayer } from 'react-leaflet';
import { QueryError } from '../../components/QueryState';
import { useClientConfig } from '../config/config.queries';
import { MapAccessibleName } from './MapAccessibleName';
import { MapAttribution } from './MapAttribution';
import type { MapView } from './map-view';
import { MapSizeWatcher } from './MapSizeWatcher';
import { UK_BOUNDS } from './uk-bounds';
import { ZoomAnimationGuard } from './ZoomAnimationGuard';

const DEFAULT_LABEL = 'Map of UK policing territories. Arrow keys pan, plus and minus zoom.';

interface AtlasMapProps {
  children: ReactNode;
  /** Where the map starts; the whole UK when not given. Read once, when the map is created. */
  initialView?: MapView | undefined;
  /** What screen readers call the map. */
  label?: string;
  /** An extra class on the wrapper, for maps that are not the page's main one. */
  className?: string;
  /**
   * Whether the mouse wheel zooms. Off for small maps inside a scrolling page, where the
   * wheel belongs to the page.
   */
  scrollWheelZoom?: boolean;
}

/**
 * The UK base map: the configured tile layer, if any, under the vector layers given as
 * children. Tiles are optional: without a reachable tile server the vector layers still work.
 */
export function AtlasMap({
  children,
  initialView,
  label = DEFAULT_LABEL,
  className,
  scrollWheelZoom = true,
}: AtlasMapProps) {
  const config = useClientConfig();
  const settings = config.data;

  return (
    <div className={className ? `atlas-map ${className}` : 'atlas-map'}>
      <MapContainer
        className="atlas-map__canvas"
        {...(initialView
          ? { center: [initialView.lat, initialView.lon], zoom: initialView.zoom }
          : { bounds: UK_BOUNDS })}
        // Half steps let the UK fill the map more closely than whole zoom levels do.
        zoomSnap={0.5}
        minZoom={4}
        scrollWheelZoom={scrollWheelZoom}
      >
        <MapAccessibleName label={label} />
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
          <QueryError title="The map settings could not be loaded" query={config} />
        </div>
      ) : null}
    </div>
  );
}
