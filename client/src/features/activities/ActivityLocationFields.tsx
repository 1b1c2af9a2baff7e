import { useMemo, useState } from 'react';
import { LonLat } from '@shared/schemas/activities';
import { FieldError } from '../../components/FieldError';
import { TextField } from '../../components/TextField';
import type { FieldErrors } from '../../lib/form-errors';
import { AtlasMap } from '../map/AtlasMap';
import { TerritoryOutlinesLayer } from '../territories/TerritoryOutlinesLayer';
import { parseAreaText, type ActivityDraft } from './activity-draft';
import { LocationPickerLayer } from './LocationPickerLayer';
import { ServiceAreaLayer } from './ServiceAreaLayer';

interface ActivityLocationFieldsProps {
  draft: ActivityDraft;
  onChange: (changes: Partial<ActivityDraft>) => void;
  errors: FieldErrors;
}

/**
 * Where the activity happens: longitude and latitude typed, or set by clicking the map
 * (the numbers are the keyboard's way; the map is the pointer's). The point must fall in
 * one of the UK's policing territories, which the server checks (`not_in_territory`).
 */
export function ActivityLocationFields({ draft, onChange, errors }: ActivityLocationFieldsProps) {
  const parsed = LonLat.safeParse({ lon: Number(draft.lon), lat: Number(draft.lat) });
  const point = draft.lon.trim() && draft.lat.trim() && parsed.success ? parsed.data : undefined;
  // Where the map opens: on the point being edited, else the whole UK.
  const [initialView] = useState(point ? { ...point, zoom: 11 } : undefined);
  // Parsed once per text, so that the map redraws the area only when it changes.
  const areaText = draft.serviceArea === 'area' ? draft.areaText : '';
  const area = useMemo(() => (areaText ? parseAreaText(areaText).geometry : undefined), [areaText]);

  return (
    <fieldset
      className="fieldset fieldset--section"
      aria-invalid={errors.location ? true : undefined}
      aria-describedby={errors.location ? 'activity-location-error' : undefined}
    >
      <legend>Location</legend>
      <p className="field__hint">
        Click the map where the activity happens, or type its longitude and latitude. A service area
        given below is drawn here too.
      </p>
      <FieldError id="activity-location-error" label="Location" message={errors.location} />
      <div className="form__row">
        <TextField
          label="Longitude"
          name="lon"
          inputMode="decimal"
          autoComplete="off"
          hint="East–west, such as -1.5491"
          value={draft.lon}
          onChange={(event) => onChange({ lon: event.target.value })}
          error={errors['location.lon']}
        />
        <TextField
          label="Latitude"
          name="lat"
          inputMode="decimal"
          autoComplete="off"
          hint="North–south, such as 53.8008"
          value={draft.lat}
          onChange={(event) => onChange({ lat: event.target.value })}
          error={errors['location.lat']}
        />
      </div>
      <AtlasMap
        className="atlas-map--small atlas-map--picker"
        initialView={initialView}
        label="Map for choosing where the activity happens: click to place it."
        scrollWheelZoom={false}
      >
        <TerritoryOutlinesLayer />
        <ServiceAreaLayer geometry={area} />
        <LocationPickerLayer
          point={point}
          onPick={({ lon, lat }) => onChange({ lon: String(lon), lat: String(lat) })}
        />
      </AtlasMap>
      <TextField
        label="Address"
        name="address"
        autoComplete="off"
        hint="Optional. Where people go, as they would write it."
        value={draft.address}
        onChange={(event) => onChange({ address: event.target.value })}
        error={errors.address}
      />
    </fieldset>
  );
}
