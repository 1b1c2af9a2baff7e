import type { FitBoundsOptions, PathOptions } from 'leaflet';
import { useCallback, useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { useNavigate } from 'react-router-dom';
import type { TerritoryCollection } from '@shared/schemas/territories';
import { describeTerritory } from '../coverage/coverage-figures';
import { useCoverage } from '../coverage/coverage.queries';
import { UK_BOUNDS } from '../map/uk-bounds';
import { useSelectableShapes, type ShapeState } from '../map/useSelectableShapes';
import { useTerritories } from './territories.queries';

const FIT_OPTIONS: FitBoundsOptions = { padding: [24, 24], maxZoom: 10 };

/** How a territory is drawn; `className` is the hook the browser tests find shapes by. */
function territoryStyle(_code: string, { selected, hovered }: ShapeState): PathOptions {
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

/**
 * Outlines over another layer's colours (the need map): a fill would tint them. A transparent
 * fill still takes the pointer, so the shapes stay the ones one clicks.
 */
function outlineStyle(code: string, state: ShapeState): PathOptions {
  return { ...territoryStyle(code, state), fillOpacity: 0 };
}

interface TerritoryShapesProps {
  collection: TerritoryCollection;
  selectedCode: string | undefined;
  fill: boolean;
  onSelect: (code: string) => void;
}

function TerritoryShapes({ collection, selectedCode, fill, onSelect }: TerritoryShapesProps) {
  const map = useMap();
  const chosenOnMapRef = useRef<string | undefined>(undefined);
  const previousRef = useRef(selectedCode);
  const handleSelect = useCallback(
    (code: string) => {
      chosenOnMapRef.current = code;
      onSelect(code);
    },
    [onSelect],
  );
  const shapesRef = useSelectableShapes({
    collection,
    selectedCode,
    style: fill ? territoryStyle : outlineStyle,
    onSelect: handleSelect,
  });
  // The public coverage figures lengthen each shape's name; until they load (or if they fail)
  // the name is the territory's alone.
  const { data: coverage } = useCoverage();

  useEffect(() => {
    const rows = new Map(coverage?.map((row) => [row.code, row]));
    for (const { properties } of collection.features) {
      const element = shapesRef.current.get(properties.code)?.getElement();
      element?.setAttribute(
        'aria-label',
        describeTerritory(properties.name, rows.get(properties.code)),
      );
    }
  }, [collection, coverage, shapesRef]);

  useEffect(() => {
    const previous = previousRef.current;
    previousRef.current = selectedCode;
    const shape = selectedCode ? shapesRef.current.get(selectedCode) : undefined;
    const chosenOnMap =
      chosenOnMapRef.current !== undefined && chosenOnMapRef.current === selectedCode;
    chosenOnMapRef.current = undefined;
    if (shape) {
      // Zooming under the pointer of someone who just chose a shape there would be
      // disorienting; a selection from a link or the list is brought into view instead.
      if (!chosenOnMap) map.fitBounds(shape.getBounds(), FIT_OPTIONS);
    } else if (selectedCode === undefined && previous !== undefined) {
      map.fitBounds(UK_BOUNDS);
    }
  }, [map, collection, selectedCode, shapesRef]);

  return null;
}

interface TerritoriesLayerProps {
  selectedCode: string | undefined;
  /** Whether the shapes are filled; outlines only over another layer's colours. */
  fill?: boolean;
}

/**
 * The 45 policing territories as vector shapes: hovering highlights one, clicking one (or
 * Enter on it) opens `/territories/<code>`, and the selected one is drawn apart and brought
 * into view. Each is named with its activities and committed value for screen readers.
 */
export function TerritoriesLayer({ selectedCode, fill = true }: TerritoriesLayerProps) {
  const { data } = useTerritories();
  const navigate = useNavigate();
  const handleSelect = useCallback(
    (code: string) => void navigate(`/territories/${code}`),
    [navigate],
  );

  // Loading and error states are shown in the side panel, once, rather than twice.
  if (!data) return null;
  return (
    <TerritoryShapes
      collection={data}
      selectedCode={selectedCode}
      fill={fill}
      onSelect={handleSelect}
    />
  );
}
