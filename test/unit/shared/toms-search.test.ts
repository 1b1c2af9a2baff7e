import { describe, expect, it } from '@jest/globals';
import { measureScore, searchMeasures, stem } from '@shared/toms-search';

const measure = (code: string, text: string, theme = 'Jobs: Promote Local Skills') => ({
  code,
  theme,
  measure: text,
  unit: 'no. weeks',
});

describe('searching TOMs measures by plain words', () => {
  it('makes plurals and endings meet', () => {
    expect(stem('apprenticeships').startsWith(stem('apprentices'))).toBe(true);
    expect(stem('volunteering')).toBe(stem('volunteers'));
    expect(stem('NEETs'.toLowerCase())).toBe('neet');
  });

  it('needs every word typed, or one related to it', () => {
    const apprenticeships = measure('NT10', 'No. of weeks of apprenticeships on the contract');
    expect(measureScore(apprenticeships, 'apprentices')).toBeGreaterThan(0);
    expect(measureScore(apprenticeships, 'youth')).toBeGreaterThan(0);
    expect(measureScore(apprenticeships, 'youth plastic')).toBe(0);
  });

  it('ranks a code typed whole, then the measure’s own words, then related ones', () => {
    const measures = [
      measure('NT9', 'Weeks of training opportunities'),
      measure('NT4', 'Employees who are NEETs hired through recruitment'),
      measure('NT1', 'Local employees'),
      measure('NT12', 'Youth offer weeks'),
    ];
    expect(searchMeasures(measures, 'youth').map((m) => m.code)).toEqual(['NT12', 'NT9', 'NT4']);
    expect(searchMeasures(measures, 'nt1')[0]!.code).toBe('NT1');
    expect(searchMeasures(measures, '  ')).toEqual(measures);
  });
});
