import { geoJSON, Polygon, type Map as LeafletMap, type PathOptions } from 'leaflet';
import type { MultiPolygon } from 'geojson';
import { useEffect, useRef, type RefObject } from 'react';
import { useMap } from 'react-leaflet';
import type { TerritoryCollection, TerritoryProperties } from '@shared/schemas/territories';
import { handleMapItemKey } from './roving-focus';

/** What a shape's style depends on besides its territory. */
export interface ShapeState {
  selected: boolean;
  hovered: boolean;
}

/** How a territory's shape is drawn. */
export type ShapeStyle = (code: string, state: ShapeState) => PathOptions;

interface SelectableShapesOptions {
  collection: TerritoryCollection;
  selectedCode: string | undefined;
  /** A new function redraws every shape. */
  style: ShapeStyle;
  /** Called when a shape is clicked, or chosen with Enter or Space. */
  onSelect: (code: string) => void;
}

/** The latest values Leaflet's handlers read: they outlive renders. */
interface ShapeInputs {
  selectedCode: string | undefined;
  hoveredCode: string | undefined;
  style: ShapeStyle;
  onSelect: (code: string) => void;
}

/** One drawing of the shapes, and what the effects do to it. */
interface Drawing {
  shapes: ReadonlyMap<string, Polygon>;
  restyle(code: string): void;
  raise(code: string | undefined): void;
  /** Makes this territory's shape the one the Tab key reaches. */
  makeTabStop(code: string): void;
  remove(): void;
}

/** The shape's SVG path, which Leaflet types as a plain Element. */
function pathOf(shape: Polygon | undefined): SVGElement | undefined {
  const element = shape?.getElement();
  return element instanceof SVGElement ? element : undefined;
}

function nameOf(shape: Polygon | undefined): string {
  const properties = shape?.feature?.properties as TerritoryProperties | undefined;
  return properties?.name ?? '';
}

function drawShapes(
  map: LeafletMap,
  collection: TerritoryCollection,
  inputs: ShapeInputs,
): Drawing {
  const shapes = new Map<string, Polygon>();
  let tabStop: string | undefined;
  // Focus and blur events fired while a focused path is moved are not the user's.
  let raising = false;

  const restyle = (code: string) =>
    shapes.get(code)?.setStyle(
      inputs.style(code, {
        selected: code === inputs.selectedCode,
        hovered: code === inputs.hoveredCode,
      }),
    );

  // Raising moves the path to the end of its parent, which takes the focus away from it;
  // the focus is put back so that a keyboard user keeps their place.
  const raise = (code: string | undefined) => {
    const shape = code === undefined ? undefined : shapes.get(code);
    const path = pathOf(shape);
    if (!shape || !path || path.parentNode?.lastChild === path) return;
    const focused = document.activeElement === path;
    raising = true;
    shape.bringToFront();
    if (focused) path.focus({ preventScroll: true });
    raising = false;
  };

  const makeTabStop = (code: string) => {
    if (tabStop === code || !shapes.has(code)) return;
    pathOf(tabStop === undefined ? undefined : shapes.get(tabStop))?.setAttribute('tabindex', '-1');
    pathOf(shapes.get(code))?.setAttribute('tabindex', '0');
    tabStop = code;
  };

  const group = geoJSON<TerritoryProperties, MultiPolygon>(collection, {
    style: (feature) =>
      inputs.style(feature?.properties.code ?? '', {
        selected: feature?.properties.code === inputs.selectedCode,
        hovered: false,
      }),
    onEachFeature(feature, layer) {
      // MultiPolygon features always become Polygon layers.
      if (!(layer instanceof Polygon)) return;
      const { code, name } = feature.properties;
      shapes.set(code, layer);
      layer.bindTooltip(name, { sticky: true, className: 'territory-tooltip' });
      layer.on({
        mouseover() {
          inputs.hoveredCode = code;
          restyle(code);
          raise(code);
        },
        mouseout() {
          if (inputs.hoveredCode === code) inputs.hoveredCode = undefined;
          restyle(code);
          // The hovered shape was raised over its neighbours; the selected one goes back on top.
          raise(inputs.selectedCode);
        },
        click() {
          inputs.onSelect(code);
        },
      });
    },
  }).addTo(map);

  const byName = [...shapes.keys()].sort((a, b) =>
    nameOf(shapes.get(a)).localeCompare(nameOf(shapes.get(b))),
  );
  const handleKeydown = (code: string, event: KeyboardEvent) =>
    handleMapItemKey(event, code, {
      order: byName,
      focus: (next) => pathOf(shapes.get(next))?.focus(),
      activate: (chosen) => inputs.onSelect(chosen),
      container: map.getContainer(),
    });

  // Elements exist only once the layer is on the map.
  for (const [code, shape] of shapes) {
    const path = pathOf(shape);
    if (!path) continue;
    // The class the stylesheet draws the focus by.
    path.classList.add('selectable-shape');
    path.setAttribute('data-code', code);
    path.setAttribute('role', 'button');
    path.setAttribute('tabindex', '-1');
    path.setAttribute('aria-label', nameOf(shape));
    path.addEventListener('keydown', (event) => handleKeydown(code, event));
    // Leaflet opens the tooltip on focus; raising the shape shows its whole outline too.
    path.addEventListener('focus', () => {
      if (raising) return;
      makeTabStop(code);
      raise(code);
    });
    path.addEventListener('blur', () => {
      if (!raising) raise(inputs.selectedCode);
    });
  }
  const first =
    inputs.selectedCode && shapes.has(inputs.selectedCode) ? inputs.selectedCode : byName[0];
  if (first !== undefined) makeTabStop(first);

  return { shapes, restyle, raise, makeTabStop, remove: () => group.remove() };
}

const NO_DRAWING: Drawing = {
  shapes: new Map(),
  restyle: () => undefined,
  raise: () => undefined,
  makeTabStop: () => undefined,
  remove: () => undefined,
};

/**
 * Draws the territories as shapes a pointer or a keyboard can choose: hovering highlights one,
 * clicking one or pressing Enter or Space on it calls `onSelect`, and the selected one is drawn
 * apart and kept on top. The shapes are one stop in the Tab order (the selected territory, else
 * the last one focused, else the first by name) and the arrow keys move between them, so that a
 * keyboard user gets past the map with one Tab; Escape returns to the map (`handleMapItemKey`). Each path carries `data-code`, `data-selected`,
 * `role="button"` and the territory's name as its accessible name, which a layer may lengthen.
 * Answers the shapes by code, for a layer's own settings on them.
 */
export function useSelectableShapes({
  collection,
  selectedCode,
  style,
  onSelect,
}: SelectableShapesOptions): RefObject<ReadonlyMap<string, Polygon>> {
  const map = useMap();
  const inputsRef = useRef<ShapeInputs>({ selectedCode, hoveredCode: undefined, style, onSelect });
  const drawingRef = useRef<Drawing>(NO_DRAWING);
  const shapesRef = useRef<ReadonlyMap<string, Polygon>>(NO_DRAWING.shapes);

  useEffect(() => {
    inputsRef.current.onSelect = onSelect;
  }, [onSelect]);

  useEffect(() => {
    const inputs = inputsRef.current;
    const drawing = drawShapes(map, collection, inputs);
    drawingRef.current = drawing;
    shapesRef.current = drawing.shapes;
    return function removeSelectableShapes() {
      drawing.remove();
      drawingRef.current = NO_DRAWING;
      shapesRef.current = NO_DRAWING.shapes;
      inputs.hoveredCode = undefined;
    };
  }, [map, collection]);

  useEffect(() => {
    inputsRef.current.style = style;
    const drawing = drawingRef.current;
    for (const code of drawing.shapes.keys()) drawing.restyle(code);
  }, [collection, style]);

  useEffect(() => {
    const inputs = inputsRef.current;
    const drawing = drawingRef.current;
    const previous = inputs.selectedCode;
    inputs.selectedCode = selectedCode;
    for (const [code, shape] of drawing.shapes) {
      const path = pathOf(shape);
      if (code === selectedCode) {
        path?.setAttribute('data-selected', 'true');
        path?.setAttribute('aria-current', 'true');
      } else {
        path?.removeAttribute('data-selected');
        path?.removeAttribute('aria-current');
      }
    }
    if (previous !== undefined) drawing.restyle(previous);
    if (selectedCode === undefined) return;
    drawing.restyle(selectedCode);
    // The next Tab into the map lands on the selected territory.
    drawing.makeTabStop(selectedCode);
    drawing.raise(selectedCode);
  }, [collection, selectedCode]);

  return shapesRef;
}
