import { useMemo, useState } from 'react';
import { LonLat } from '@shared/schemas/activities';
import type { PlaceMatch } from '@shared/schemas/places';
import { TextField } from '../../components/TextField';
import type { FieldErrors } from '../../lib/form-errors';
import { AtlasMap } from '../map/AtlasMap';
import { placeLabel } from '../places/place-format';
import { PlaceSearch } from '../places/PlaceSearch';
import { TerritoryOutlinesLayer } from '../territories/TerritoryOutlinesLayer';
import { parseAreaText, type ActivityDraft } from './activity-draft';
import { LocationPickerLayer } from './LocationPickerLayer';
import { MapFocusLayer, type MapFocus } from './MapFocusLayer';
import { ServiceAreaLayer } from './ServiceAreaLayer';

interface ActivityLocationFieldsProps {
  draft: ActivityDraft;
  onChange: (changes: Partial<ActivityDraft>) => void;
  errors: FieldErrors;
}

/** Towns show a town's worth of map; a postcode district's centroid, its streets. */
const ZOOM = { town: 12, postcode_district: 13 } as const;

/**
 * Where the activity happens: a town or postcode district found by the place search, which
 * moves the map and puts the pin there; then, if need be, the pin moved by clicking the map,
 * or longitude and latitude typed (for those who have them). The point must fall in one of
 * the UK's policing territories, which the server checks (`not_in_territory`).
 */
export function ActivityLocationFields({ draft, onChange, errors }: ActivityLocationFieldsProps) {
  const parsed = LonLat.safeParse({ lon: Number(draft.lon), lat: Number(draft.lat) });
  const point = draft.lon.trim() && draft.lat.trim() && parsed.success ? parsed.data : undefined;
  // Where the map opens: on the point being edited, else the whole UK.
  const [initialView] = useState(point ? { ...point, zoom: 11 } : undefined);
  const [focus, setFocus] = useState<MapFocus>();
  const [announced, setAnnounced] = useState('');
  const coordinateErrors = Boolean(errors['location.lon'] || errors['location.lat']);
  const [coordinatesOpen, setCoordinatesOpen] = useState(coordinateErrors);
  // Parsed once per text, so that the map redraws the area only when it changes.
  const areaText = draft.serviceArea === 'area' ? draft.areaText : '';
  const area = useMemo(() => (areaText ? parseAreaText(areaText).geometry : undefined), [areaText]);

  function handleChoose(place: PlaceMatch) {
    const label = placeLabel(place);
    onChange({ lon: String(place.lon), lat: String(place.lat), placeLabel: label });
    setFocus((last) => ({
      lon: place.lon,
      lat: place.lat,
      zoom: ZOOM[place.kind],
      key: (last?.key ?? 0) + 1,
    }));
    setAnnounced(
      `Pin placed at ${label}, in ${place.territory.name}${place.movedInland ? ', just inland' : ''}.`,
    );
  }

  let where = 'No pin yet.';
  if (point) {
    where = draft.placeLabel
      ? `The pin is at ${draft.placeLabel} (${point.lat}, ${point.lon}).`
      : `The pin is at latitude ${point.lat}, longitude ${point.lon}.`;
  }

  return (
    <div className="activity-location">
      <PlaceSearch
        label="Town or postcode district"
        hint="Type a town, such as Banbury, or the first half of a postcode, such as OX4, and choose from the list. You can then move the pin by clicking the map."
        error={errors.location}
        onChoose={handleChoose}
      />
      <p className="place-search__credit">
        Postcode districts: contains OS data © Crown copyright and database right 2025; contains
        Royal Mail data © Royal Mail copyright and database right 2025; source: Office for National
        Statistics, licensed under the Open Government Licence v.3.0. Towns: GeoNames, CC BY 4.0.
      </p>
      <p className="activity-location__where" data-testid="activity-location-where">
        {where}
      </p>
      <p role="status" className="visually-hidden">
        {announced}
      </p>
      <AtlasMap
        className="atlas-map--small atlas-map--picker"
        initialView={initialView}
        label="Map for choosing where the activity happens: click to place the pin."
        scrollWheelZoom={false}
      >
        <TerritoryOutlinesLayer />
        <ServiceAreaLayer geometry={area} />
        <MapFocusLayer focus={focus} />
        <LocationPickerLayer
          point={point}
          onPick={({ lon, lat }) => {
            onChange({ lon: String(lon), lat: String(lat), placeLabel: '' });
            setAnnounced(`Pin placed on the map at latitude ${lat}, longitude ${lon}.`);
          }}
        />
      </AtlasMap>
      <details
        className="activity-location__coordinates"
        open={coordinatesOpen || coordinateErrors}
        onToggle={(event) => setCoordinatesOpen(event.currentTarget.open)}
      >
        <summary>Enter longitude and latitude instead</summary>
        <div className="form__row">
          <TextField
            label="Longitude"
            name="lon"
            inputMode="decimal"
            autoComplete="off"
            hint="East–west, such as -1.5491"
            value={draft.lon}
            onChange={(event) => onChange({ lon: event.target.value, placeLabel: '' })}
            error={errors['location.lon']}
          />
          <TextField
            label="Latitude"
            name="lat"
            inputMode="decimal"
            autoComplete="off"
            hint="North–south, such as 53.8008"
            value={draft.lat}
            onChange={(event) => onChange({ lat: event.target.value, placeLabel: '' })}
            error={errors['location.lat']}
          />
        </div>
      </details>
      <TextField
        label="Address"
        name="address"
        autoComplete="off"
        optional
        hint="Where people go, as they would write it."
        value={draft.address}
        onChange={(event) => onChange({ address: event.target.value })}
        error={errors.address}
      />
    </div>
  );
}
