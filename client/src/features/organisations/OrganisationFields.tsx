import { useId } from 'react';
import {
  BuyerSectors,
  OrganisationKinds,
  type BuyerSector,
  type OrganisationKind,
} from '@shared/schemas/accounts';
import { describedBy, FieldError } from '../../components/FieldError';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import type { FieldErrors } from '../../lib/form-errors';
import { TerritoryPicker } from '../territories/TerritoryPicker';
import { KIND_DESCRIPTIONS, KIND_LABELS, SECTOR_LABELS } from './organisation-labels';

/** An organisation as typed into a form, before it is parsed with `OrganisationCreate`. */
export interface OrganisationDraft {
  kind: OrganisationKind;
  name: string;
  registeredId: string;
  buyerSector: BuyerSector | '';
  territories: string[];
}

export const EMPTY_ORGANISATION: OrganisationDraft = {
  kind: 'provider',
  name: '',
  registeredId: '',
  buyerSector: '',
  territories: [],
};

/** The draft in the shape `OrganisationCreate` parses: blanks left out, a sector only for buyers. */
export function organisationInput(draft: OrganisationDraft) {
  return {
    kind: draft.kind,
    name: draft.name,
    registeredId: draft.registeredId.trim() || undefined,
    territories: draft.territories,
    ...(draft.kind === 'buyer' ? { buyerSector: draft.buyerSector || undefined } : {}),
  };
}

interface OrganisationFieldsProps {
  draft: OrganisationDraft;
  onChange: (draft: OrganisationDraft) => void;
  /** Messages keyed by the field's name within the organisation (`name`, `buyerSector`, …). */
  errors: FieldErrors;
}

/** The fields that describe a new organisation: kind, name, registered id, sector, territories. */
export function OrganisationFields({ draft, onChange, errors }: OrganisationFieldsProps) {
  const kindId = useId();
  const kindErrorId = `${kindId}-error`;

  function update(changes: Partial<OrganisationDraft>) {
    onChange({ ...draft, ...changes });
  }

  return (
    <>
      <fieldset
        className="field fieldset"
        aria-invalid={errors.kind ? true : undefined}
        aria-describedby={describedBy(errors.kind && kindErrorId)}
      >
        <legend className="field__label">Kind of organisation</legend>
        <FieldError id={kindErrorId} label="Kind" message={errors.kind} />
        {OrganisationKinds.map((kind) => (
          <label key={kind} className="radio">
            <input
              type="radio"
              name={`${kindId}-kind`}
              value={kind}
              checked={draft.kind === kind}
              onChange={() => update({ kind })}
            />
            <span>
              <strong>{KIND_LABELS[kind]}</strong>: {KIND_DESCRIPTIONS[kind]}
            </span>
          </label>
        ))}
      </fieldset>
      <TextField
        label="Organisation name"
        name="organisationName"
        autoComplete="organization"
        value={draft.name}
        onChange={(event) => update({ name: event.target.value })}
        error={errors.name}
      />
      <TextField
        label="Registered id"
        hint="Optional. Its org-id.guide identifier: GB-CHC-1234567 for a charity, GB-COH-01234567 for a company."
        name="registeredId"
        autoComplete="off"
        spellCheck={false}
        value={draft.registeredId}
        onChange={(event) => update({ registeredId: event.target.value })}
        error={errors.registeredId}
      />
      {draft.kind === 'buyer' ? (
        <SelectField
          label="Buyer sector"
          name="buyerSector"
          value={draft.buyerSector}
          onChange={(event) => update({ buyerSector: event.target.value as BuyerSector | '' })}
          // Only a missing choice fails here, and zod's message for it lists the raw values.
          error={errors.buyerSector ? 'Choose the sector the buyer works in' : undefined}
        >
          <option value="">Choose a sector</option>
          {BuyerSectors.map((sector) => (
            <option key={sector} value={sector}>
              {SECTOR_LABELS[sector]}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TerritoryPicker
        legend="Territories"
        hint="The policing territories where the organisation works. You can leave this for later."
        value={draft.territories}
        onChange={(territories) => update({ territories })}
        error={errors.territories}
      />
    </>
  );
}
