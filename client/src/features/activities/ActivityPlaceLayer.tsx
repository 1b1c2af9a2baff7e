import { circle, circleMarker, featureGroup, geoJSON } from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { LonLat, ServiceArea } from '@shared/schemas/activities';

interface ActivityPlaceLayerProps {
  location: LonLat;
  serviceArea: ServiceArea | null;
}

const AREA_STYLE = {
  className: 'service-area',
  color: '#1f4e79',
  weight: 2,
  fillColor: '#5b8db8',
  fillOpacity: 0.15,
  interactive: false,
};

/**
 * Where an activity happens and whom it reaches: its point, and its service area (a radius
 * or a drawn area) around it, with the map fitted to both.
 */
export function ActivityPlaceLayer({ location, serviceArea }: ActivityPlaceLayerProps) {
  const map = useMap();
  const { lon, lat } = location;

  useEffect(() => {
    const group = featureGroup();
    if (serviceArea?.type === 'radius') {
      circle([lat, lon], { ...AREA_STYLE, radius: serviceArea.radiusKm * 1000 }).addTo(group);
    } else if (serviceArea?.type === 'area') {
      geoJSON(serviceArea.geometry, { style: () => AREA_STYLE, interactive: false }).addTo(group);
    }
    circleMarker([lat, lon], {
      className: 'activity-point',
      radius: 7,
      color: '#ffffff',
      weight: 2,
      fillColor: '#9a3412',
      fillOpacity: 1,
      interactive: false,
    }).addTo(group);
    group.addTo(map);
    if (serviceArea) {
      map.fitBounds(group.getBounds(), { padding: [16, 16], maxZoom: 13, animate: false });
    } else {
      map.setView([lat, lon], 13, { animate: false });
    }
    return function removePlace() {
      group.remove();
    };
  }, [map, lon, lat, serviceArea]);

  return null;
}
