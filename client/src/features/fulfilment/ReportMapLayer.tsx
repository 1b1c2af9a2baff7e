import { circleMarker, geoJSON, latLngBounds, type LatLngBounds } from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { MultiPolygon } from 'geojson';
import type { ReportActivityPoint } from '@shared/schemas/fulfilment';
import type { TerritoryCollection, TerritoryProperties } from '@shared/schemas/territories';
import { useTerritories } from '../territories/territories.queries';

interface ReportMapLayerProps {
  /** The territories the report covers, drawn filled and fitted into view. */
  territories: readonly { code: string }[];
  activities: readonly ReportActivityPoint[];
}

/**
 * A report's territories and its activities' places, drawn once and not interactive: a
 * picture for the page and for print, whose figures are in the tables beside it.
 */
export function ReportMapLayer({ territories, activities }: ReportMapLayerProps) {
  const map = useMap();
  const { data } = useTerritories();

  useEffect(() => {
    const wanted = new Set(territories.map((t) => t.code));
    if (!data) return;
    const chosen: TerritoryCollection = {
      ...data,
      features: data.features.filter((f) => wanted.has(f.properties.code)),
    };
    const shapes = geoJSON<TerritoryProperties, MultiPolygon>(chosen, {
      style: {
        className: 'report-map__territory',
        color: '#1f4e79',
        weight: 2,
        fillColor: '#5b8db8',
        fillOpacity: 0.2,
        interactive: false,
      },
    }).addTo(map);
    const points = activities.map(({ at: [lon, lat] }) =>
      circleMarker([lat, lon], {
        className: 'report-map__activity',
        radius: 5,
        color: '#9a3412',
        weight: 2,
        fillColor: '#f97316',
        fillOpacity: 0.9,
        interactive: false,
      }).addTo(map),
    );
    let bounds: LatLngBounds | undefined =
      chosen.features.length > 0 ? shapes.getBounds() : undefined;
    for (const point of points) {
      const at = point.getLatLng();
      bounds = bounds ? bounds.extend(at) : latLngBounds(at, at);
    }
    if (bounds?.isValid())
      map.fitBounds(bounds, { padding: [16, 16], maxZoom: 11, animate: false });
    return function removeReportShapes() {
      shapes.remove();
      for (const point of points) point.remove();
    };
  }, [map, data, territories, activities]);

  return null;
}
