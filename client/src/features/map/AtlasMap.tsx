import type { ReactNode } from 'react';
import { MapContainer, TileLayer } from 'react-leaflet';
import { QueryError } from '../../components/QueryState';
import { useClientConfig } from '../config/config.queries';
import { AttributionToggle } from './AttributionToggle';
import { MapAccessibleName } from './MapAccessibleName';
import { MapAttribution } from './MapAttribution';
import type { MapView } from './map-view';
import { MapSizeWatcher } from './MapSizeWatcher';
import { SkipMapLink } from './SkipMapLink';
import { UK_BOUNDS } from './uk-bounds';
import { ZoomAnimationGuard } from './ZoomAnimationGuard';
import './map-a11y.css';

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
  /**
   * The id of the list or table beside the map that has the same things in it: a "Skip the
   * map" link before the map takes the focus there.
   */
  skipTo?: string;
  /**
   * The keys the map's territories or markers answer, in a few words, shown over the map
   * while the keyboard is on it.
   */
  keysHint?: string;
}

/**
 * The UK base map: the configured tile layer, if any, under the vector layers given as
 * children. Tiles are optional: without a reachable tile server the vector layers still work.
 * Every map has the same keyboard model (see `roving-focus.ts`), a "Skip the map" link when
 * something beside it has the same contents, and its attribution behind an ⓘ when small.
 */
export function AtlasMap({
  children,
  initialView,
  label = DEFAULT_LABEL,
  className,
  scrollWheelZoom = true,
  skipTo,
  keysHint,
}: AtlasMapProps) {
  const config = useClientConfig();
  const settings = config.data;

  return (
    <div className={className ? `atlas-map ${className}` : 'atlas-map'}>
      {skipTo ? <SkipMapLink targetId={skipTo} /> : null}
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
        <AttributionToggle />
        {children}
      </MapContainer>
      {keysHint ? (
        // The map's accessible name says the same to screen readers; this is for the eyes.
        <p className="atlas-map__keys" aria-hidden="true">
          {keysHint}
        </p>
      ) : null}
      {config.isError ? (
        <div className="atlas-map__notice">
          <QueryError title="The map settings could not be loaded" query={config} />
        </div>
      ) : null}
    </div>
  );
}
