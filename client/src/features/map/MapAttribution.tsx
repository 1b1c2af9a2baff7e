import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/** Adds a line to the map's attribution control for as long as it is rendered. */
export function MapAttribution({ text }: { text: string }) {
  const map = useMap();
  useEffect(() => {
    const control = map.attributionControl;
    // Without a control there is nowhere to credit the data, and the licence requires it.
    if (!control) return;
    control.addAttribution(text);
    return function removeAttribution() {
      control.removeAttribution(text);
    };
  }, [map, text]);
  return null;
}
