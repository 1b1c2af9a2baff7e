import { Control, DomEvent, DomUtil } from 'leaflet';
import { useEffect, useId } from 'react';
import { useMap } from 'react-leaflet';

const OPEN_CLASS = 'atlas-map--attribution-open';

/**
 * An ⓘ button beside the map's attribution that shows or hides it. The stylesheet shows the
 * button, and hides the attribution until it is pressed, only on small maps (under 40rem
 * wide), where the long ONS and OpenStreetMap credits would cover a third of the map; larger
 * maps show the attribution as it is. Either way the credits stay one press away, as their
 * licences require.
 */
export function AttributionToggle() {
  const map = useMap();
  const id = useId();

  useEffect(() => {
    const attribution = map.attributionControl?.getContainer();
    if (!attribution) return;
    attribution.id = id;
    const frame = map.getContainer().parentElement;
    const button = DomUtil.create('button', 'atlas-map__attribution-toggle');
    button.type = 'button';
    button.textContent = 'i';
    button.setAttribute('aria-label', 'Map data sources and licences');
    button.setAttribute('aria-controls', id);
    button.setAttribute('aria-expanded', 'false');
    const handleClick = () => {
      const open = button.getAttribute('aria-expanded') !== 'true';
      button.setAttribute('aria-expanded', String(open));
      frame?.classList.toggle(OPEN_CLASS, open);
    };
    button.addEventListener('click', handleClick);
    const control = new Control({ position: 'bottomright' });
    control.onAdd = () => {
      const box = DomUtil.create('div', 'leaflet-control atlas-map__attribution-control');
      box.append(button);
      // A press on the button is not a click on the map (which would choose a place).
      DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(map);
    return function removeAttributionToggle() {
      button.removeEventListener('click', handleClick);
      control.remove();
      frame?.classList.remove(OPEN_CLASS);
      attribution.removeAttribute('id');
    };
  }, [map, id]);

  return null;
}
