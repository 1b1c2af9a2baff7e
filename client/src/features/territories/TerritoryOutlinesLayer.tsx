import { geoJSON, Polygon, type GeoJSON, type PathOptions } from 'leaflet';
import type { MultiPolygon } from 'geojson';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { TerritoryProperties } from '@shared/schemas/territories';
import { useTerritories } from './territories.queries';

function outlineStyle(highlighted: boolean): PathOptions {
  return {
    className: 'territory-outline',
    color: highlighted ? '#9a3412' : '#1f4e79',
    weight: highlighted ? 3 : 1,
    opacity: highlighted ? 0.9 : 0.55,
    // No fill: the outlines give context under markers, which must stay clear to see and click.
    fill: false,
    interactive: false,
  };
}

/**
 * The 45 territories as outlines only, for maps whose subject is something else (activities).
 * Not interactive: clicks go to the map and its markers. `highlightCode` draws one apart,
 * such as the territory a filter chose.
 */
export function TerritoryOutlinesLayer({ highlightCode }: { highlightCode?: string | undefined }) {
  const map = useMap();
  const { data } = useTerritories();
  const groupRef = useRef<GeoJSON<TerritoryProperties, MultiPolygon> | undefined>(undefined);
  // Read when the shapes are first drawn; later changes go through `setStyle` below.
  const highlightRef = useRef(highlightCode);

  useEffect(() => {
    if (!data) return;
    const group = geoJSON<TerritoryProperties, MultiPolygon>(data, {
      style: (feature) => outlineStyle(feature?.properties.code === highlightRef.current),
    }).addTo(map);
    groupRef.current = group;
    return function removeOutlines() {
      group.remove();
      groupRef.current = undefined;
    };
  }, [map, data]);

  useEffect(() => {
    highlightRef.current = highlightCode;
    const group = groupRef.current;
    if (!group) return;
    group.setStyle((feature) => outlineStyle(feature?.properties.code === highlightCode));
    group.eachLayer((layer) => {
      // MultiPolygon features always become Polygon layers.
      if (!(layer instanceof Polygon)) return;
      const properties = layer.feature?.properties as TerritoryProperties | undefined;
      if (properties?.code === highlightCode) layer.bringToFront();
    });
  }, [highlightCode, data]);

  return null;
}
