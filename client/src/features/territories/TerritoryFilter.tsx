import { useMemo } from 'react';
import { ChoiceFilter } from '../../components/ChoiceFilter';
import { useTerritories } from './territories.queries';

interface TerritoryFilterProps {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
}

/** A list filter by policing territory, by name; usable (as "all") while the names load or fail. */
export function TerritoryFilter({ value, onChange }: TerritoryFilterProps) {
  const territories = useTerritories();
  const options = useMemo(
    () =>
      (
        territories.data?.features.map(
          ({ properties }) => [properties.code, properties.name] as const,
        ) ?? []
      )
        .slice()
        .sort(([, a], [, b]) => a.localeCompare(b, 'en-GB')),
    [territories.data],
  );
  return (
    <ChoiceFilter
      label="Territory"
      name="territory"
      value={value}
      onChange={onChange}
      anyLabel={territories.isError ? 'All (territories could not be loaded)' : 'All territories'}
      options={options}
      disabled={territories.isPending}
    />
  );
}
