import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/**
 * Names the map's container, which Leaflet makes focusable for keyboard panning but leaves
 * without a role or name, so that screen readers say what has the focus.
 */
export function MapAccessibleName({ label }: { label: string }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', label);
    return function removeAccessibleName() {
      container.removeAttribute('role');
      container.removeAttribute('aria-label');
    };
  }, [map, label]);
  return null;
}
