import { circle } from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

interface NearCircleLayerProps {
  lon: number;
  lat: number;
  km: number;
}

/** The circle a "within N km" filter covers, so that people see why activities outside vanish. */
export function NearCircleLayer({ lon, lat, km }: NearCircleLayerProps) {
  const map = useMap();
  useEffect(() => {
    const shape = circle([lat, lon], {
      radius: km * 1000,
      className: 'near-circle',
      color: '#9a3412',
      weight: 2,
      dashArray: '6 6',
      fill: false,
      interactive: false,
    }).addTo(map);
    return function removeNearCircle() {
      shape.remove();
    };
  }, [map, lon, lat, km]);
  return null;
}
