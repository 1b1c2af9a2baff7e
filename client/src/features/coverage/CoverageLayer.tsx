import { DomEvent, geoJSON, Polygon, type PathOptions } from 'leaflet';
import type { MultiPolygon } from 'geojson';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { TerritoryCoverage } from '@shared/schemas/coverage';
import type { TerritoryCollection, TerritoryProperties } from '@shared/schemas/territories';
import { useTerritories } from '../territories/territories.queries';
import {
  FIGURE_LABELS,
  figureValue,
  formatFigure,
  NO_DATA_COLOUR,
  type Classification,
  type CoverageFigure,
} from './coverage-figures';

/** How a shape is drawn; `className` is the hook the browser tests and the CSS find it by. */
function shapeStyle(fillColor: string, selected: boolean, hovered: boolean): PathOptions {
  let color = '#1f4e79';
  let weight = 0.8;
  if (selected) {
    color = '#9a3412';
    weight = 3.5;
  } else if (hovered) {
    color = '#0b2545';
    weight = 2.5;
  }
  return { className: 'coverage-shape', color, weight, opacity: 0.9, fillColor, fillOpacity: 0.85 };
}

/** The line under a territory's name in its tooltip and accessible name: the chosen value. */
function valueLine(figure: CoverageFigure, row: TerritoryCoverage | undefined): string {
  const value = row ? formatFigure(figureValue(row, figure), figure) : 'no figures';
  return `${FIGURE_LABELS[figure]}: ${value}`;
}

function tooltipContent(name: string, line: string): HTMLElement {
  // Built as nodes: a string would be read as HTML.
  const box = document.createElement('div');
  const title = document.createElement('strong');
  title.textContent = name;
  const value = document.createElement('div');
  value.textContent = line;
  box.append(title, value);
  return box;
}

interface CoverageShapesProps {
  collection: TerritoryCollection;
  rows: readonly TerritoryCoverage[];
  figure: CoverageFigure;
  classification: Classification;
  selectedCode: string | undefined;
  changedCodes: ReadonlySet<string>;
  onSelect: (code: string) => void;
}

function CoverageShapes({
  collection,
  rows,
  figure,
  classification,
  selectedCode,
  changedCodes,
  onSelect,
}: CoverageShapesProps) {
  const map = useMap();
  const shapesRef = useRef(new Map<string, Polygon>());
  // Leaflet's handlers outlive renders, so they read the latest values through refs.
  const fillsRef = useRef(new Map<string, string>());
  const selectedRef = useRef(selectedCode);
  const hoveredRef = useRef<string | undefined>(undefined);
  const onSelectRef = useRef(onSelect);

  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    const shapes = new Map<string, Polygon>();
    const restyle = (code: string, shape: Polygon) =>
      shape.setStyle(
        shapeStyle(
          fillsRef.current.get(code) ?? NO_DATA_COLOUR,
          code === selectedRef.current,
          code === hoveredRef.current,
        ),
      );
    const raise = (shape: Polygon) => {
      shape.bringToFront();
      // The selected one stays on top of its neighbours, its outline whole.
      if (selectedRef.current) shapes.get(selectedRef.current)?.bringToFront();
    };

    const group = geoJSON<TerritoryProperties, MultiPolygon>(collection, {
      style: (feature) =>
        shapeStyle(
          fillsRef.current.get(feature?.properties.code ?? '') ?? NO_DATA_COLOUR,
          feature?.properties.code === selectedRef.current,
          false,
        ),
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
            raise(layer);
          },
          click() {
            onSelectRef.current(code);
          },
        });
      },
    }).addTo(map);

    // Elements exist only once the layer is on the map. Each shape takes the focus, where
    // Leaflet opens its tooltip, and Enter or Space chooses it as a click does.
    for (const [code, shape] of shapes) {
      const element = shape.getElement();
      if (!element) continue;
      element.setAttribute('data-code', code);
      element.setAttribute('tabindex', '0');
      element.setAttribute('role', 'button');
      DomEvent.on(element as HTMLElement, 'focus', () => raise(shape));
      DomEvent.on(element as HTMLElement, 'keydown', (event) => {
        const { key } = event as KeyboardEvent;
        if (key !== 'Enter' && key !== ' ') return;
        DomEvent.preventDefault(event);
        onSelectRef.current(code);
      });
    }
    shapesRef.current = shapes;

    return function removeCoverageShapes() {
      group.remove();
      shapesRef.current = new Map();
      hoveredRef.current = undefined;
    };
  }, [map, collection]);

  useEffect(() => {
    selectedRef.current = selectedCode;
    const byCode = new Map(rows.map((row) => [row.code, row]));
    const fills = new Map<string, string>();
    for (const [code, shape] of shapesRef.current) {
      const row = byCode.get(code);
      const value = row ? figureValue(row, figure) : undefined;
      const classIndex = value === undefined ? undefined : classification.classOf(value);
      const fill =
        classIndex === undefined
          ? NO_DATA_COLOUR
          : (classification.classes[classIndex]?.colour ?? NO_DATA_COLOUR);
      fills.set(code, fill);
      const selected = code === selectedCode;
      shape.setStyle(shapeStyle(fill, selected, code === hoveredRef.current));

      const properties = shape.feature?.properties as TerritoryProperties | undefined;
      const name = row?.name ?? properties?.name ?? code;
      const line = valueLine(figure, row);
      shape.setTooltipContent(tooltipContent(name, line));
      const element = shape.getElement();
      if (!element) continue;
      element.setAttribute('aria-label', `${name}. ${line}`);
      if (classIndex === undefined) element.removeAttribute('data-class');
      else element.setAttribute('data-class', String(classIndex));
      if (selected) {
        element.setAttribute('data-selected', 'true');
        element.setAttribute('aria-current', 'true');
      } else {
        element.removeAttribute('data-selected');
        element.removeAttribute('aria-current');
      }
    }
    fillsRef.current = fills;
    if (selectedCode) shapesRef.current.get(selectedCode)?.bringToFront();
  }, [collection, rows, figure, classification, selectedCode]);

  useEffect(() => {
    for (const [code, shape] of shapesRef.current) {
      const element = shape.getElement();
      if (changedCodes.has(code)) element?.setAttribute('data-updated', 'true');
      else element?.removeAttribute('data-updated');
    }
  }, [collection, changedCodes]);

  return null;
}

interface CoverageLayerProps {
  rows: readonly TerritoryCoverage[];
  figure: CoverageFigure;
  classification: Classification;
  selectedCode: string | undefined;
  /** Territories whose figures just changed, drawn with a brief flash. */
  changedCodes: ReadonlySet<string>;
  onSelect: (code: string) => void;
}

/**
 * The 45 territories coloured by a coverage figure in the legend's classes. Hovering or
 * focusing a shape names it with its value; clicking it, or Enter, chooses it.
 */
export function CoverageLayer(props: CoverageLayerProps) {
  const { data } = useTerritories();
  // Loading and error states for the shapes are shown beside the map, once.
  if (!data) return null;
  return <CoverageShapes collection={data} {...props} />;
}
