import type { PathOptions } from 'leaflet';
import { useCallback, useEffect, useMemo } from 'react';
import type { TerritoryCoverage } from '@shared/schemas/coverage';
import type { TerritoryCollection } from '@shared/schemas/territories';
import { useSelectableShapes, type ShapeState } from '../map/useSelectableShapes';
import { useTerritories } from '../territories/territories.queries';
import {
  describeTerritory,
  FIGURE_LABELS,
  figureValue,
  formatFigure,
  NO_DATA_COLOUR,
  type Classification,
  type CoverageFigure,
} from './coverage-figures';

/** How a shape is drawn; `className` is the hook the browser tests and the CSS find it by. */
function shapeStyle(fillColor: string, { selected, hovered }: ShapeState): PathOptions {
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

/** A territory's class in the legend (none without figures) and its colour. */
interface ShapeClass {
  index: number | undefined;
  fill: string;
}

function classOf(
  row: TerritoryCoverage | undefined,
  figure: CoverageFigure,
  classification: Classification,
): ShapeClass {
  const value = row ? figureValue(row, figure) : undefined;
  const index = value === undefined ? undefined : classification.classOf(value);
  const fill =
    index === undefined
      ? NO_DATA_COLOUR
      : (classification.classes[index]?.colour ?? NO_DATA_COLOUR);
  return { index, fill };
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

interface CoverageShapesProps extends CoverageLayerProps {
  collection: TerritoryCollection;
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
  const byCode = useMemo(() => new Map(rows.map((row) => [row.code, row])), [rows]);
  const classes = useMemo(
    () =>
      new Map(
        collection.features.map(({ properties: { code, name } }) => [
          code,
          { name, ...classOf(byCode.get(code), figure, classification) },
        ]),
      ),
    [collection, byCode, figure, classification],
  );
  const style = useCallback(
    (code: string, state: ShapeState) =>
      shapeStyle(classes.get(code)?.fill ?? NO_DATA_COLOUR, state),
    [classes],
  );
  const shapesRef = useSelectableShapes({ collection, selectedCode, style, onSelect });

  useEffect(() => {
    for (const [code, shape] of shapesRef.current) {
      const row = byCode.get(code);
      const name = row?.name ?? classes.get(code)?.name ?? code;
      const line = valueLine(figure, row);
      shape.setTooltipContent(tooltipContent(name, line));
      const element = shape.getElement();
      if (!element) continue;
      // The figure the map is coloured by is named too, unless the summary already has it.
      const coloured = figure === 'committed' || figure === 'listed' || !row ? '' : `; ${line}`;
      element.setAttribute('aria-label', `${describeTerritory(name, row)}${coloured}`);
      const index = classes.get(code)?.index;
      if (index === undefined) element.removeAttribute('data-class');
      else element.setAttribute('data-class', String(index));
    }
  }, [shapesRef, byCode, classes, figure]);

  useEffect(() => {
    for (const [code, shape] of shapesRef.current) {
      const element = shape.getElement();
      if (changedCodes.has(code)) element?.setAttribute('data-updated', 'true');
      else element?.removeAttribute('data-updated');
    }
  }, [shapesRef, collection, changedCodes]);

  return null;
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
