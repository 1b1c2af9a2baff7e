import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/**
 * Tells Leaflet when its container changes size for any reason but the window's (Leaflet
 * watches only the window): the header grows a line when someone signs in, for one.
 */
export function MapSizeWatcher() {
  const map = useMap();
  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(map.getContainer());
    return function stopWatchingSize() {
      observer.disconnect();
    };
  }, [map]);
  return null;
}
