import { geoJSON, Polygon, type FitBoundsOptions, type PathOptions } from 'leaflet';
import type { MultiPolygon } from 'geojson';
import { useCallback, useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { useNavigate } from 'react-router-dom';
import type { TerritoryCollection, TerritoryProperties } from '@shared/schemas/territories';
import { UK_BOUNDS } from '../map/uk-bounds';
import { useTerritories } from './territories.queries';

const FIT_OPTIONS: FitBoundsOptions = { padding: [24, 24], maxZoom: 10 };

/** How a territory is drawn; `className` is the hook the browser tests find shapes by. */
function territoryStyle(selected: boolean, hovered: boolean): PathOptions {
  const base: PathOptions = {
    className: 'territory-shape',
    color: '#1f4e79',
    weight: 1,
    fillColor: '#5b8db8',
    fillOpacity: 0.15,
  };
  if (selected) {
    return {
      ...base,
      color: '#9a3412',
      weight: hovered ? 4 : 3,
      fillColor: '#f97316',
      fillOpacity: hovered ? 0.5 : 0.4,
    };
  }
  return hovered ? { ...base, color: '#0b2545', weight: 3, fillOpacity: 0.35 } : base;
}

interface TerritoryShapesProps {
  collection: TerritoryCollection;
  selectedCode: string | undefined;
  onSelect: (code: string) => void;
}

function TerritoryShapes({ collection, selectedCode, onSelect }: TerritoryShapesProps) {
  const map = useMap();
  const shapesRef = useRef(new Map<string, Polygon>());
  // Leaflet's handlers outlive renders, so they read the latest values through refs.
  const selectedRef = useRef(selectedCode);
  const hoveredRef = useRef<string | undefined>(undefined);
  const clickedRef = useRef<string | undefined>(undefined);
  const onSelectRef = useRef(onSelect);

  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    const shapes = new Map<string, Polygon>();
    const restyle = (code: string, shape: Polygon) =>
      shape.setStyle(territoryStyle(code === selectedRef.current, code === hoveredRef.current));

    const group = geoJSON<TerritoryProperties, MultiPolygon>(collection, {
      style: (feature) => territoryStyle(feature?.properties.code === selectedRef.current, false),
      onEachFeature(feature, layer) {
        // MultiPolygon features always become Polygon layers.
        if (!(layer instanceof Polygon)) return;
        const { code, name } = feature.properties;
        shapes.set(code, layer);
        layer.bindTooltip(name, { sticky: true, className: 'territory-tooltip' });
        layer.on({
          mouseover() {
            hoveredRef.current = code;
            restyle(code, layer);
            layer.bringToFront();
          },
          mouseout() {
            if (hoveredRef.current === code) hoveredRef.current = undefined;
            restyle(code, layer);
            // The hovered shape was raised over its neighbours; the selected one goes back on top.
            if (selectedRef.current) shapes.get(selectedRef.current)?.bringToFront();
          },
          click() {
            clickedRef.current = code;
            onSelectRef.current(code);
          },
        });
      },
    }).addTo(map);

    // Elements exist only once the layer is on the map.
    for (const [code, shape] of shapes) shape.getElement()?.setAttribute('data-code', code);
    shapesRef.current = shapes;

    return function removeTerritories() {
      group.remove();
      shapesRef.current = new Map();
      hoveredRef.current = undefined;
    };
  }, [map, collection]);

  useEffect(() => {
    const previous = selectedRef.current;
    selectedRef.current = selectedCode;
    for (const [code, shape] of shapesRef.current) {
      const selected = code === selectedCode;
      if (selected || code === previous) {
        shape.setStyle(territoryStyle(selected, code === hoveredRef.current));
      }
      const element = shape.getElement();
      if (selected) element?.setAttribute('data-selected', 'true');
      else element?.removeAttribute('data-selected');
    }

    const shape = selectedCode ? shapesRef.current.get(selectedCode) : undefined;
    const wasClicked = clickedRef.current !== undefined && clickedRef.current === selectedCode;
    clickedRef.current = undefined;
    if (shape) {
      shape.bringToFront();
      // Zooming under the pointer of someone who just clicked there would be disorienting;
      // a selection from a link or the list is brought into view instead.
      if (!wasClicked) map.fitBounds(shape.getBounds(), FIT_OPTIONS);
    } else if (selectedCode === undefined && previous !== undefined) {
      map.fitBounds(UK_BOUNDS);
    }
  }, [map, collection, selectedCode]);

  return null;
}

/**
 * The 45 policing territories as vector shapes: hovering highlights one, clicking one opens
 * `/territories/<code>`, and the selected one is drawn apart and brought into view.
 */
export function TerritoriesLayer({ selectedCode }: { selectedCode: string | undefined }) {
  const { data } = useTerritories();
  const navigate = useNavigate();
  const handleSelect = useCallback(
    (code: string) => void navigate(`/territories/${code}`),
    [navigate],
  );

  // Loading and error states are shown in the side panel, once, rather than twice.
  if (!data) return null;
  return <TerritoryShapes collection={data} selectedCode={selectedCode} onSelect={handleSelect} />;
}
