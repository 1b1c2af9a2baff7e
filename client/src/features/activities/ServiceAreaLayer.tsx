import { geoJSON } from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { AreaGeometry } from '@shared/geo';

interface ServiceAreaLayerProps {
  /** The area to draw; pass the same object while it is unchanged (it is redrawn otherwise). */
  geometry: AreaGeometry | undefined;
}

/**
 * An activity's service area drawn on a map, so that whoever pastes one sees where it
 * falls (a longitude and latitude swapped lands it in the sea). Brought into view when it
 * is not.
 */
export function ServiceAreaLayer({ geometry }: ServiceAreaLayerProps) {
  const map = useMap();
  useEffect(() => {
    if (!geometry) return;
    const shape = geoJSON(geometry, {
      style: { className: 'service-area', color: '#1d4ed8', weight: 2, fillOpacity: 0.12 },
      interactive: false,
    }).addTo(map);
    const bounds = shape.getBounds();
    if (bounds.isValid() && !map.getBounds().contains(bounds)) {
      map.fitBounds(bounds, { padding: [16, 16], maxZoom: 14 });
    }
    return function removeServiceArea() {
      shape.remove();
    };
  }, [map, geometry]);
  return null;
}
