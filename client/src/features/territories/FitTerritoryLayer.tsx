import { geoJSON } from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { useTerritories } from './territories.queries';

/**
 * Fits the map to one territory whenever the code changes (and once its boundary has
 * loaded), for small maps that follow a territory filter. No code leaves the view alone.
 */
export function FitTerritoryLayer({ code }: { code: string | undefined }) {
  const map = useMap();
  const { data } = useTerritories();

  useEffect(() => {
    const feature = code ? data?.features.find((f) => f.properties.code === code) : undefined;
    if (!feature) return;
    map.fitBounds(geoJSON(feature).getBounds(), { padding: [12, 12], animate: false });
  }, [map, data, code]);

  return null;
}
