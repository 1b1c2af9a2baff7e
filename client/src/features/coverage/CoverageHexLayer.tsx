import { geoJSON, type PathOptions } from 'leaflet';
import type { Feature, Polygon } from 'geojson';
import { Fragment, useEffect, useRef } from 'react';
import { CircleMarker, Pane, Polyline, Tooltip, useMap } from 'react-leaflet';
import type { HexCellProperties } from '@shared/schemas/coverage';
import { formatGbp } from '@shared/money';
import { formatCount } from '../activities/activity-format';
import { useCoverageDetail } from './coverage.queries';

/** Supported cells in green, unsupported in orange: PuOr/PRGn ends, apart for colour blindness. */
const SUPPORTED = '#1b7837';
const UNSUPPORTED = '#e08214';
const HEX_PANE = 'coverage-hexes';

function cellStyle(cell: HexCellProperties): PathOptions {
  const supported = cell.activitiesSupported > 0;
  return {
    className: supported ? 'coverage-hex coverage-hex--supported' : 'coverage-hex',
    color: supported ? SUPPORTED : UNSUPPORTED,
    weight: 1,
    fillColor: supported ? SUPPORTED : UNSUPPORTED,
    // More activities, more ink, up to a point.
    fillOpacity: Math.min(0.25 + cell.activitiesListed * 0.08, 0.75),
  };
}

function cellTooltip(cell: HexCellProperties): string {
  const listed = `${formatCount(cell.activitiesListed)} ${cell.activitiesListed === 1 ? 'activity' : 'activities'}`;
  if (cell.activitiesSupported === 0) return `${listed}, none supported`;
  return `${listed}, ${formatCount(cell.activitiesSupported)} supported: ${formatGbp(cell.committedPence)} a year`;
}

/**
 * The drilled-in territory's hexagonal cells (about 5 km across) coloured by whether an
 * awarded SPO supports an activity in them, and each awarded SPO drawn as lines from its
 * supplier to the activities it supports. Fits the map to the cells when the territory changes.
 */
export function CoverageHexLayer({ code }: { code: string | undefined }) {
  const map = useMap();
  const detail = useCoverageDetail(code);
  const data = detail.data?.code === code ? detail.data : undefined;
  const fittedRef = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!data) return;
    // Above the territories (the overlay pane, 400), below the links.
    if (!map.getPane(HEX_PANE)) map.createPane(HEX_PANE).style.zIndex = '450';
    const layer = geoJSON<HexCellProperties, Polygon>(data.hexes, {
      pane: HEX_PANE,
      style: (feature) => (feature ? cellStyle(feature.properties) : {}),
      onEachFeature(feature: Feature<Polygon, HexCellProperties>, shape) {
        shape.bindTooltip(cellTooltip(feature.properties), { sticky: true });
      },
    }).addTo(map);
    if (fittedRef.current !== data.code && data.hexes.features.length > 0) {
      fittedRef.current = data.code;
      map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 11 });
    }
    return function removeCoverageHexes() {
      layer.remove();
    };
  }, [map, data]);

  useEffect(() => {
    if (code === undefined) fittedRef.current = undefined;
  }, [code]);

  if (!data) return null;
  return (
    <Pane name="coverage-links" style={{ zIndex: 460 }}>
      {data.awardedLinks.map((link) => {
        const [lon, lat] = link.activity.at;
        return (
          <Fragment key={`${link.spoId}:${link.activity.id}`}>
            {link.supplier.at ? (
              <Polyline
                positions={[
                  [link.supplier.at[1], link.supplier.at[0]],
                  [lat, lon],
                ]}
                // A class is given when Leaflet creates the path; react-leaflet's pathOptions
                // only restyle it afterwards, and a class set there never reaches the DOM.
                className="coverage-link"
                pathOptions={{
                  color: '#2d004b',
                  weight: 1.5,
                  dashArray: '4 4',
                }}
              >
                <Tooltip sticky>
                  {link.supplier.name} → {link.activity.title}: {formatGbp(link.annualPence)} a year
                </Tooltip>
              </Polyline>
            ) : null}
            <CircleMarker
              center={[lat, lon]}
              radius={5}
              className="coverage-supported-activity"
              pathOptions={{
                color: '#2d004b',
                weight: 2,
                fillColor: '#ffffff',
                fillOpacity: 1,
              }}
            >
              <Tooltip>
                {link.activity.title}: supported by {link.supplier.name}
              </Tooltip>
            </CircleMarker>
          </Fragment>
        );
      })}
    </Pane>
  );
}
