import { divIcon, featureGroup, marker } from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { formatGbp } from '@shared/money';

/** One suggested line on the map: where its activity is and what it would get a year. */
export interface SuggestionMarker {
  id: string;
  /** [lon, lat]. */
  at: [number, number];
  annualPence: number;
}

const MIN_PX = 28;
const MAX_PX = 64;

/** A marker's width: by its share of the largest line, so that the big lines stand out. */
function markerSize(annualPence: number, largestPence: number): number {
  if (largestPence <= 0) return MIN_PX;
  return Math.round(MIN_PX + (MAX_PX - MIN_PX) * Math.sqrt(annualPence / largestPence));
}

/**
 * The suggested lines as labelled circles sized by their £ a year, with the map fitted to
 * them. They are a picture of the table beside the map (which has the same lines and is
 * what the keyboard works through), so they take neither clicks nor the focus.
 */
export function SuggestionMarkersLayer({ markers }: { markers: SuggestionMarker[] }) {
  const map = useMap();

  // `markers` should be memoised by the caller: redrawn when a figure or a place changes.
  useEffect(() => {
    if (markers.length === 0) return undefined;
    const largest = Math.max(...markers.map((m) => m.annualPence));
    const group = featureGroup();
    for (const m of markers) {
      const [lon, lat] = m.at;
      const size = markerSize(m.annualPence, largest);
      const icon = divIcon({
        className: 'suggestion-marker',
        // Only a formatted number goes in, so nothing here can smuggle markup in.
        html: `<span>${formatGbp(m.annualPence)}</span>`,
        iconSize: [size, size],
      });
      marker([lat, lon], { icon, interactive: false, keyboard: false }).addTo(group);
    }
    group.addTo(map);
    map.fitBounds(group.getBounds(), { padding: [40, 40], maxZoom: 12, animate: false });
    return function removeSuggestionMarkers() {
      group.remove();
    };
  }, [map, markers]);

  return null;
}
