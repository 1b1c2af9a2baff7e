import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

// Leaflet's own flag, not part of its API; see below for why it is touched at all.
interface AnimatingMap {
  _animatingZoom?: boolean;
}

/**
 * Leaving the map page while a zoom animation runs (a territory chosen, then a header link
 * at once) removes the map, and Leaflet's timer that ends the animation then throws
 * `Cannot read properties of undefined (reading '_leaflet_pos')` (Leaflet issue #6929).
 * Marking the animation over as the map unloads makes that timer do nothing.
 */
export function ZoomAnimationGuard() {
  const map = useMap();
  useEffect(() => {
    function endZoomAnimation() {
      (map as unknown as AnimatingMap)._animatingZoom = false;
    }
    map.on('unload', endZoomAnimation);
    return function removeGuard() {
      map.off('unload', endZoomAnimation);
    };
  }, [map]);
  return null;
}
