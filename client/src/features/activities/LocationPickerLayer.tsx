import { divIcon, marker, type LeafletMouseEvent } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap, useMapEvents } from 'react-leaflet';
import type { LonLat } from '@shared/schemas/activities';

const round = (value: number) => Number(value.toFixed(5));

interface LocationPickerLayerProps {
  /** The point chosen so far, if the typed numbers make one. */
  point: LonLat | undefined;
  onPick: (point: LonLat) => void;
}

/**
 * Chooses a point by clicking the map, and shows the chosen one (however it was entered).
 * A point typed that is out of view is brought into view, so people see what they typed.
 */
export function LocationPickerLayer({ point, onPick }: LocationPickerLayerProps) {
  const map = useMap();
  const onPickRef = useRef(onPick);
  useEffect(() => {
    onPickRef.current = onPick;
  }, [onPick]);

  useMapEvents({
    click(event: LeafletMouseEvent) {
      // Five decimals is about a metre: finer would only be noise from the pointer.
      const { lat, lng } = event.latlng.wrap();
      onPickRef.current({ lon: round(lng), lat: round(lat) });
    },
  });

  const lon = point?.lon;
  const lat = point?.lat;
  useEffect(() => {
    if (lon === undefined || lat === undefined) return;
    const pin = marker([lat, lon], {
      icon: divIcon({
        className: 'activity-marker activity-marker--chosen',
        html: '<span class="activity-marker__dot"></span>',
        iconSize: [20, 20],
      }),
      interactive: false,
      keyboard: false,
    }).addTo(map);
    if (!map.getBounds().contains([lat, lon])) map.panTo([lat, lon]);
    return function removePin() {
      pin.remove();
    };
  }, [map, lon, lat]);

  return null;
}
