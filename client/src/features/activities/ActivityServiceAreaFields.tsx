import { FieldError } from '../../components/FieldError';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { errorUnder } from '../../lib/create-or-edit-form';
import type { FieldErrors } from '../../lib/form-errors';
import type { ActivityDraft, ServiceAreaChoice } from './activity-draft';

interface ActivityServiceAreaFieldsProps {
  draft: ActivityDraft;
  onChange: (changes: Partial<ActivityDraft>) => void;
  errors: FieldErrors;
}

const CHOICES: [ServiceAreaChoice, string][] = [
  ['none', 'Just its location'],
  ['radius', 'Everyone within a distance of it'],
  ['area', 'An area on the map, given as GeoJSON'],
];

/** Whom the activity serves: people at its location, within a radius, or in a drawn area. */
export function ActivityServiceAreaFields({
  draft,
  onChange,
  errors,
}: ActivityServiceAreaFieldsProps) {
  return (
    <fieldset
      className="field fieldset"
      aria-invalid={errors.serviceArea ? true : undefined}
      aria-describedby={errors.serviceArea ? 'service-area-error' : undefined}
    >
      <legend className="field__label">Who it serves</legend>
      <FieldError id="service-area-error" label="Service area" message={errors.serviceArea} />
      {CHOICES.map(([choice, label]) => (
        <label key={choice} className="radio">
          <input
            type="radio"
            name="serviceArea"
            value={choice}
            checked={draft.serviceArea === choice}
            onChange={() => onChange({ serviceArea: choice })}
          />
          {label}
        </label>
      ))}
      {draft.serviceArea === 'radius' ? (
        <TextField
          label="Radius in km"
          name="radiusKm"
          inputMode="decimal"
          autoComplete="off"
          value={draft.radiusKm}
          onChange={(event) => onChange({ radiusKm: event.target.value })}
          error={errorUnder(errors, 'serviceArea.radiusKm')}
        />
      ) : null}
      {draft.serviceArea === 'area' ? (
        <TextAreaField
          label="Area as GeoJSON"
          name="serviceAreaGeoJson"
          hint="Paste a GeoJSON Polygon or MultiPolygon in longitude, latitude order (or a Feature holding one), as geojson.io, QGIS or an open-data portal exports it. It is drawn on the map above."
          rows={6}
          spellCheck={false}
          autoComplete="off"
          value={draft.areaText}
          onChange={(event) => onChange({ areaText: event.target.value })}
          error={errorUnder(errors, 'serviceArea.geometry')}
        />
      ) : null}
    </fieldset>
  );
}
