import { geoJSON, type PathOptions } from 'leaflet';
import type { MultiPolygon } from 'geojson';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { NEED_ATTRIBUTION, type LadNeed } from '@shared/schemas/need';
import { MapAttribution } from '../map/MapAttribution';
import { NO_DATA_FILL, quintileColour } from './need-format';
import { useLadNeed } from './need.queries';

// Under the territories' shapes (Leaflet's overlay pane is at 400), which stay the ones a
// pointer or the keyboard chooses; over the tiles (200).
const PANE = 'need';
const PANE_Z_INDEX = '350';
const HATCH_ID = 'need-no-data-hatch';
const SVG_NS = 'http://www.w3.org/2000/svg';

function districtStyle(lad: LadNeed | undefined): PathOptions {
  const colour = lad ? quintileColour(lad) : undefined;
  return {
    className: 'need-shape',
    color: '#ffffff',
    weight: 0.5,
    opacity: 0.9,
    fillColor: colour ?? `url(#${HATCH_ID})`,
    fillOpacity: 0.85,
    interactive: false,
  };
}

/** Grey with dark diagonal lines: "no data" must not look like the lightest class. */
function addHatchPattern(container: SVGSVGElement): void {
  if (container.querySelector(`#${HATCH_ID}`)) return;
  const defs = document.createElementNS(SVG_NS, 'defs');
  const pattern = document.createElementNS(SVG_NS, 'pattern');
  pattern.id = HATCH_ID;
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  pattern.setAttribute('width', '6');
  pattern.setAttribute('height', '6');
  pattern.setAttribute('patternTransform', 'rotate(45)');
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '6');
  background.setAttribute('height', '6');
  background.setAttribute('fill', NO_DATA_FILL);
  const line = document.createElementNS(SVG_NS, 'line');
  line.setAttribute('x1', '0');
  line.setAttribute('y1', '0');
  line.setAttribute('x2', '0');
  line.setAttribute('y2', '6');
  line.setAttribute('stroke', '#4b5563');
  line.setAttribute('stroke-width', '2');
  pattern.append(background, line);
  defs.append(pattern);
  container.prepend(defs);
}

/**
 * The need layer: every district filled by its deprivation quintile (hatched grey where it has
 * none), drawn under the territories so that they stay the shapes one chooses. Only a picture:
 * the table beside the map (`NeedTable`) holds the same figures for screen readers.
 */
export function NeedLayer() {
  const map = useMap();
  const { data } = useLadNeed();

  useEffect(() => {
    if (!data) return;
    const pane = map.getPane(PANE) ?? map.createPane(PANE);
    pane.style.zIndex = PANE_Z_INDEX;
    pane.style.pointerEvents = 'none';
    // Leaflet gives the pane an SVG renderer of its own, kept for the next time.
    const group = geoJSON<LadNeed, MultiPolygon>(data, {
      pane: PANE,
      style: (feature) => districtStyle(feature?.properties),
    }).addTo(map);
    const container = pane.querySelector('svg');
    if (container) {
      // A picture whose words are in the table: screen readers skip it.
      container.setAttribute('aria-hidden', 'true');
      container.setAttribute('data-testid', 'need-layer');
      addHatchPattern(container);
    }
    return function removeNeedLayer() {
      group.remove();
    };
  }, [map, data]);

  return (
    <>
      {NEED_ATTRIBUTION.map((line) => (
        // Leaflet joins its credits with commas: a full stop before one reads badly.
        <MapAttribution key={line} text={line.replace(/\.$/, '')} />
      ))}
    </>
  );
}
