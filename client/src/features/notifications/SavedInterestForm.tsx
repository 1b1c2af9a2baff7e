import { useState, type FormEvent } from 'react';
import { THEME_LABELS, Themes, type Theme } from '@shared/schemas/activities';
import { SavedInterest } from '@shared/schemas/notifications';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ErrorMessage } from '../../components/ErrorMessage';
import { QueryState } from '../../components/QueryState';
import { TerritoryPicker } from '../territories/TerritoryPicker';
import { useSaveInterest, useSavedInterest } from './notifications.queries';

const THEME_OPTIONS = Themes.map((theme) => [theme, THEME_LABELS[theme]] as const);

function Form({ initial }: { initial: SavedInterest }) {
  const save = useSaveInterest();
  const [territories, setTerritories] = useState<string[]>(initial.territories);
  const [themes, setThemes] = useState<Theme[]>(initial.themes);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = SavedInterest.safeParse({ territories, themes });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Check your choices');
      return;
    }
    setProblem(undefined);
    save.mutate(parsed.data, { onSuccess: () => setSaved(true) });
  }

  return (
    <form onSubmit={handleSubmit} noValidate data-testid="interest-form">
      <TerritoryPicker
        legend="Territories"
        hint="Tell me of open tenders in these policing territories. Choose none to hear of none beyond your activities’ matches."
        value={territories}
        onChange={(codes) => {
          setTerritories(codes);
          setSaved(false);
        }}
        error={problem}
      />
      <CheckboxGroup
        legend="Themes"
        hint="Only tenders whose priorities include one of these themes. Choose none for every theme."
        name="themes"
        options={THEME_OPTIONS}
        value={themes}
        onChange={(next) => {
          setThemes(next);
          setSaved(false);
        }}
        optional
      />
      {save.isError ? (
        <ErrorMessage title="Your interest could not be saved" error={save.error} focus />
      ) : null}
      <div className="preferences__actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save tenders to hear of'}
        </button>
        <div role="status" data-testid="interest-status">
          {saved ? (
            <p className="success-message">The tenders you want to hear of are saved.</p>
          ) : null}
        </div>
      </div>
    </form>
  );
}

/** The territories and themes of new tenders the person wants to hear of (`tender_match`). */
export function SavedInterestForm() {
  const interest = useSavedInterest();
  return (
    <QueryState
      query={interest}
      loading="Loading the tenders you want to hear of…"
      errorTitle="The tenders you want to hear of could not be loaded"
    >
      {(initial) => <Form initial={initial} />}
    </QueryState>
  );
}
