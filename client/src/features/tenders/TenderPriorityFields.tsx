import { useMemo, useState } from 'react';
import {
  DEFAULT_MATCH_WEIGHTS,
  MATCH_FACTOR_LABELS,
  MatchFactors,
  type MatchFactor,
} from '@shared/matching';
import {
  PRIORITY_GROUP_LABELS,
  THEME_LABELS,
  type PriorityGroup,
  type Theme,
} from '@shared/schemas/activities';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ChoiceListFilter, normaliseForFilter } from '../../components/ChoiceListFilter';
import { FieldGroup } from '../../components/FieldGroup';
import { LoadingMessage } from '../../components/LoadingMessage';
import { QueryError } from '../../components/QueryState';
import { TextField } from '../../components/TextField';
import { errorUnder } from '../../lib/create-or-edit-form';
import type { FieldErrors } from '../../lib/form-errors';
import { MeasurePicker } from '../activities/MeasurePicker';
import { PlaceSearch } from '../places/PlaceSearch';
import { useTerritories } from '../territories/territories.queries';
import {
  defaultWeightsDraft,
  emptyDeliverySite,
  type DeliverySiteDraft,
  type PrioritiesDraft,
} from './tender-draft';
import { useTerritoryDistricts } from './tenders.queries';
import './tender-priorities.css';

const THEME_OPTIONS = Object.entries(THEME_LABELS) as [Theme, string][];

// Care leavers lead: the One in a Million playbook starts with them.
const GROUP_OPTIONS = (Object.entries(PRIORITY_GROUP_LABELS) as [PriorityGroup, string][])
  .sort(([a], [b]) => Number(b === 'care_leavers') - Number(a === 'care_leavers'))
  .map(([group, label]): [PriorityGroup, string] =>
    group === 'care_leavers'
      ? [group, `${label} (the One in a Million lead cohort)`]
      : [group, label],
  );

/** A long list of districts gets a filter box; a short one is read at a glance. */
const FILTER_FROM = 8;

type FocusAreas = PrioritiesDraft['focusAreas'];

interface TerritoryFocusProps {
  code: string;
  name: string;
  value: FocusAreas;
  onChange: (value: FocusAreas) => void;
}

/** One chosen territory: the whole of it, or some of its districts. */
function TerritoryFocus({ code, name, value, onChange }: TerritoryFocusProps) {
  const found = useTerritoryDistricts(code);
  const [filter, setFilter] = useState('');
  const chosen = new Set(value.map((a) => `${a.kind}:${a.code}`));
  const districts = useMemo(
    () => [...(found.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    [found.data],
  );
  const query = normaliseForFilter(filter);
  const shown = districts.filter((d) => normaliseForFilter(d.name).includes(query));
  const inHere = districts.filter((d) => chosen.has(`lad:${d.code}`)).length;

  function handleToggle(area: FocusAreas[number], checked: boolean) {
    const key = `${area.kind}:${area.code}`;
    onChange(checked ? [...value, area] : value.filter((a) => `${a.kind}:${a.code}` !== key));
  }

  let body;
  if (found.isPending) {
    body = <LoadingMessage>Loading the districts of {name}…</LoadingMessage>;
  } else if (found.isError) {
    body = <QueryError title={`The districts of ${name} could not be loaded`} query={found} />;
  } else if (districts.length === 0) {
    body = <p className="muted">No districts are loaded for {name} yet.</p>;
  } else {
    body = (
      <>
        {districts.length >= FILTER_FROM ? (
          <ChoiceListFilter
            label={`Filter the districts of ${name}`}
            value={filter}
            onChange={setFilter}
            chosen={inHere === 1 ? '1 district chosen' : `${inHere} districts chosen`}
          />
        ) : null}
        <div className="tender-priorities__options">
          {shown.length === 0 ? <p>No district matches “{filter.trim()}”.</p> : null}
          {shown.map((district) => (
            <label key={district.code} className="checkbox">
              <input
                type="checkbox"
                name="focusDistricts"
                value={district.code}
                checked={chosen.has(`lad:${district.code}`)}
                onChange={(event) =>
                  handleToggle(
                    { kind: 'lad', code: district.code, territory: code },
                    event.target.checked,
                  )
                }
              />
              {district.name}
            </label>
          ))}
        </div>
      </>
    );
  }

  return (
    <fieldset className="fieldset tender-priorities__territory">
      <legend>{name}</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          name="focusTerritories"
          value={code}
          checked={chosen.has(`territory:${code}`)}
          onChange={(event) =>
            handleToggle({ kind: 'territory', code, territory: code }, event.target.checked)
          }
        />
        All of {name}
      </label>
      {body}
    </fieldset>
  );
}

interface FocusAreaFieldsProps {
  territories: string[];
  value: FocusAreas;
  onChange: (value: FocusAreas) => void;
  error?: string | undefined;
}

/** Focus areas: districts (or whole territories) among the tender's territories. */
function FocusAreaFields({ territories, value, onChange, error }: FocusAreaFieldsProps) {
  const all = useTerritories();
  const names = new Map(
    (all.data?.features ?? []).map((f) => [f.properties.code, f.properties.name]),
  );
  return (
    <FieldGroup
      legend="Focus areas"
      hint="Where in your territories the social value should go first: districts, or a whole territory. Activities there rank higher."
      error={error}
      optional
      className="tender-priorities__focus"
    >
      {territories.length === 0 ? (
        <p className="muted">Choose the contract’s territories first; their districts show here.</p>
      ) : (
        territories.map((code) => (
          <TerritoryFocus
            key={code}
            code={code}
            name={names.get(code) ?? code}
            value={value}
            onChange={onChange}
          />
        ))
      )}
    </FieldGroup>
  );
}

interface DeliverySiteFieldsProps {
  value: DeliverySiteDraft[];
  onChange: (value: DeliverySiteDraft[]) => void;
  errors: FieldErrors;
}

/** Where the contract is delivered: a name and a place for each site. */
function DeliverySiteFields({ value, onChange, errors }: DeliverySiteFieldsProps) {
  function change(key: string, changes: Partial<DeliverySiteDraft>) {
    onChange(value.map((site) => (site.key === key ? { ...site, ...changes } : site)));
  }

  return (
    <FieldGroup
      legend="Delivery sites"
      hint="Depots, stations or hospitals the contract runs from: activities near them rank higher."
      error={errors['priorities.deliverySites']}
      optional
      className="tender-priorities__sites"
    >
      {value.map((site, i) => {
        const path = `priorities.deliverySites.${i}`;
        return (
          <fieldset key={site.key} className="fieldset tender-priorities__site">
            <legend>Delivery site {i + 1}</legend>
            <TextField
              label="Name"
              name={`deliverySite${i}Label`}
              autoComplete="off"
              maxLength={120}
              hint="Such as Abingdon custody suite."
              value={site.label}
              onChange={(event) => change(site.key, { label: event.target.value })}
              error={errors[`${path}.label`]}
            />
            <PlaceSearch
              label="Find the place"
              hint="A town or the first half of a postcode, such as OX14; or type the longitude and latitude below."
              onChoose={(place) =>
                change(site.key, {
                  lon: String(place.lon),
                  lat: String(place.lat),
                  label: site.label.trim() ? site.label : place.name,
                })
              }
            />
            <div className="tender-priorities__lonlat">
              <TextField
                label="Longitude"
                name={`deliverySite${i}Lon`}
                inputMode="decimal"
                autoComplete="off"
                value={site.lon}
                onChange={(event) => change(site.key, { lon: event.target.value })}
                error={errorUnder(errors, `${path}.location.lon`) ?? errors[`${path}.location`]}
              />
              <TextField
                label="Latitude"
                name={`deliverySite${i}Lat`}
                inputMode="decimal"
                autoComplete="off"
                value={site.lat}
                onChange={(event) => change(site.key, { lat: event.target.value })}
                error={errorUnder(errors, `${path}.location.lat`)}
              />
            </div>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => onChange(value.filter((s) => s.key !== site.key))}
            >
              Remove delivery site {i + 1}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange([...value, emptyDeliverySite()])}
      >
        Add a delivery site
      </button>
    </FieldGroup>
  );
}

interface WeightFieldsProps {
  value: Record<MatchFactor, string>;
  onChange: (value: Record<MatchFactor, string>) => void;
  errors: FieldErrors;
}

/** How much each factor of the match score counts, 0 to 10, the defaults shown. */
function WeightFields({ value, onChange, errors }: WeightFieldsProps) {
  const atDefaults = MatchFactors.every(
    (factor) => Number(value[factor]) === DEFAULT_MATCH_WEIGHTS[factor],
  );
  return (
    <FieldGroup
      legend="How much each factor counts"
      hint="From 0 (not at all) to 10, when suppliers are shown the activities that best fit this tender. The defaults suit most tenders."
      error={errors['priorities.weights']}
      className="tender-priorities__weights"
    >
      <div className="tender-priorities__weight-grid">
        {MatchFactors.map((factor) => (
          <TextField
            key={factor}
            label={MATCH_FACTOR_LABELS[factor]}
            name={`weight-${factor}`}
            type="number"
            inputMode="decimal"
            min={0}
            max={10}
            step="any"
            hint={`Default ${DEFAULT_MATCH_WEIGHTS[factor]}.`}
            value={value[factor]}
            onChange={(event) => onChange({ ...value, [factor]: event.target.value })}
            error={errors[`priorities.weights.${factor}`]}
          />
        ))}
      </div>
      <button
        type="button"
        className="button button--secondary"
        disabled={atDefaults}
        onClick={() => onChange(defaultWeightsDraft())}
      >
        Reset to the defaults
      </button>
    </FieldGroup>
  );
}

interface TenderPriorityFieldsProps {
  value: PrioritiesDraft;
  /** The territories chosen for the contract: focus areas are found inside them. */
  territories: string[];
  onChange: (changes: Partial<PrioritiesDraft>) => void;
  errors: FieldErrors;
}

/**
 * The tender form's "Local priorities": what the buyer wants the social value to reach,
 * public with the tender, and how much each factor counts when activities are matched to it.
 */
export function TenderPriorityFields({
  value,
  territories,
  onChange,
  errors,
}: TenderPriorityFieldsProps) {
  return (
    <fieldset className="fieldset fieldset--section tender-priorities">
      <legend>Local priorities</legend>
      <p className="form__note">
        Optional, and public with the tender: suppliers are shown the community activities that fit
        them best.
      </p>
      <CheckboxGroup
        legend="Priority themes"
        name="priorityThemes"
        options={THEME_OPTIONS}
        value={value.themes}
        onChange={(themes) => onChange({ themes })}
        error={errorUnder(errors, 'priorities.themes')}
        optional
      />
      <CheckboxGroup
        legend="Priority groups"
        hint="The people you most want the contract’s social value to reach. Care leavers are the One in a Million playbook’s lead cohort."
        name="priorityGroups"
        options={GROUP_OPTIONS}
        value={value.groups}
        onChange={(groups) => onChange({ groups })}
        error={errorUnder(errors, 'priorities.groups')}
        optional
      />
      <MeasurePicker
        hint="The TOMs measures you most want suppliers’ commitments to evidence."
        value={value.measures}
        onChange={(measures) => onChange({ measures })}
        error={errorUnder(errors, 'priorities.measures')}
      />
      <FocusAreaFields
        territories={territories}
        value={value.focusAreas}
        onChange={(focusAreas) => onChange({ focusAreas })}
        error={errorUnder(errors, 'priorities.focusAreas')}
      />
      <DeliverySiteFields
        value={value.deliverySites}
        onChange={(deliverySites) => onChange({ deliverySites })}
        errors={errors}
      />
      <WeightFields
        value={value.weights}
        onChange={(weights) => onChange({ weights })}
        errors={errors}
      />
    </fieldset>
  );
}
