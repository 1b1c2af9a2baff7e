import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import type { FieldErrors } from '../../lib/form-errors';
import type { ActivityDraft } from './activity-draft';

interface ActivityAboutFieldsProps {
  draft: ActivityDraft;
  onChange: (changes: Partial<ActivityDraft>) => void;
  errors: FieldErrors;
  /** The providers the person may list for; none when editing (the provider stays). */
  providers: { id: string; name: string }[];
}

/** What the activity is called and what it does, and (when listing) who runs it. */
export function ActivityAboutFields({
  draft,
  onChange,
  errors,
  providers,
}: ActivityAboutFieldsProps) {
  return (
    <>
      {providers.length > 1 ? (
        <SelectField
          label="Provider"
          name="providerId"
          hint="The organisation that runs the activity."
          value={draft.providerId}
          onChange={(event) => onChange({ providerId: event.target.value })}
          error={errors.providerId}
        >
          {providers.map((provider) => (
            <option key={provider.id} value={provider.id}>
              {provider.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {providers.length === 1 ? (
        <p className="form__note">Listed for {providers[0]!.name}.</p>
      ) : null}
      <TextField
        label="Title"
        name="title"
        autoComplete="off"
        hint="What people call it, such as “Friday night football”."
        maxLength={120}
        value={draft.title}
        onChange={(event) => onChange({ title: event.target.value })}
        error={errors.title}
      />
      <TextAreaField
        label="Summary"
        name="summary"
        hint="One or two sentences, shown in lists and on the map: 300 characters or fewer."
        rows={2}
        maxLength={300}
        value={draft.summary}
        onChange={(event) => onChange({ summary: event.target.value })}
        error={errors.summary}
      />
      <TextAreaField
        label="Description"
        name="description"
        optional
        hint="What happens, for whom and how. Leave a blank line between paragraphs."
        rows={6}
        value={draft.description}
        onChange={(event) => onChange({ description: event.target.value })}
        error={errors.description}
      />
    </>
  );
}
