import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/** Where a map is asked to look; a new `key` moves it again to the same place. */
export interface MapFocus {
  lon: number;
  lat: number;
  zoom: number;
  key: number;
}

/**
 * Centres the map on a place chosen outside it (the place search), once per choice: the
 * map is otherwise the person's to pan and zoom.
 */
export function MapFocusLayer({ focus }: { focus: MapFocus | undefined }) {
  const map = useMap();
  const lon = focus?.lon;
  const lat = focus?.lat;
  const zoom = focus?.zoom;
  const key = focus?.key;
  useEffect(() => {
    if (lon === undefined || lat === undefined || zoom === undefined || key === undefined) return;
    map.setView([lat, lon], zoom);
  }, [map, lon, lat, zoom, key]);
  return null;
}
