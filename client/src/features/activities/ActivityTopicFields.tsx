import {
  CATEGORY_LABELS,
  PRIORITY_GROUP_LABELS,
  THEME_LABELS,
  Themes,
  type Category,
  type PriorityGroup,
  type Theme,
} from '@shared/schemas/activities';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { SelectField } from '../../components/SelectField';
import { errorUnder } from '../../lib/create-or-edit-form';
import type { FieldErrors } from '../../lib/form-errors';
import type { ActivityDraft } from './activity-draft';

const THEME_OPTIONS = Themes.map((theme) => [theme, THEME_LABELS[theme]] as const);
const GROUP_OPTIONS = (Object.entries(PRIORITY_GROUP_LABELS) as [PriorityGroup, string][]).sort(
  ([, a], [, b]) => a.localeCompare(b, 'en-GB'),
);
const CATEGORY_OPTIONS = (Object.entries(CATEGORY_LABELS) as [Category, string][]).sort(
  ([, a], [, b]) => a.localeCompare(b, 'en-GB'),
);

interface ActivityTopicFieldsProps {
  draft: ActivityDraft;
  onChange: (changes: Partial<ActivityDraft>) => void;
  errors: FieldErrors;
}

/** The outcomes the activity serves, its category, and the groups it especially reaches. */
export function ActivityTopicFields({ draft, onChange, errors }: ActivityTopicFieldsProps) {
  return (
    <>
      <CheckboxGroup<Theme>
        legend="Themes"
        name="themes"
        hint="The outcomes it serves. Select all that apply."
        options={THEME_OPTIONS}
        value={draft.themes}
        onChange={(themes) => onChange({ themes })}
        error={errorUnder(errors, 'themes')}
      />
      <SelectField
        label="Category"
        name="category"
        hint="Buyers filter and report by these."
        value={draft.category}
        onChange={(event) =>
          onChange({
            category: event.target.value in CATEGORY_LABELS ? (event.target.value as Category) : '',
          })
        }
        error={errors.category}
      >
        <option value="">Select a category</option>
        {CATEGORY_OPTIONS.map(([category, label]) => (
          <option key={category} value={category}>
            {label}
          </option>
        ))}
      </SelectField>
      <CheckboxGroup<PriorityGroup>
        legend="Priority groups"
        name="priorityGroups"
        optional
        hint="The groups it especially reaches. Select all that apply."
        options={GROUP_OPTIONS}
        value={draft.priorityGroups}
        onChange={(priorityGroups) => onChange({ priorityGroups })}
        error={errorUnder(errors, 'priorityGroups')}
      />
    </>
  );
}
