import type { PlaceMatch } from '@shared/schemas/places';

/** A place as the form names it: "OX4, postcode district near Oxford", or "Reading". */
export function placeLabel(place: PlaceMatch): string {
  if (place.kind === 'town') return place.name;
  return place.near
    ? `${place.name}, postcode district near ${place.near}`
    : `${place.name}, postcode district`;
}

/** What else a match says, under its name: "Town in Thames Valley". */
export function placeDetail(place: PlaceMatch): string {
  const kind = place.kind === 'town' ? 'Town' : 'Postcode district';
  const near = place.kind === 'postcode_district' && place.near ? ` near ${place.near}` : '';
  return `${kind}${near}, ${place.territory.name}`;
}
