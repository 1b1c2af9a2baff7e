import {
  OneInAMillionAnswer,
  OneInAMillionQuery,
  TomsCalculation,
  TomsCalculationAnswer,
} from '@shared/schemas/tenders';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import type { CalculatorsService } from './calculators.service';

/** `/api/calculators`: public, no sign-in, nothing stored. */
export function calculatorsRoutes(table: RouteTable, service: CalculatorsService) {
  const r = table.router('/calculators');

  r.get(
    '/one-in-a-million',
    { response: OneInAMillionAnswer },
    validate('query', OneInAMillionQuery),
    (_req, res) => {
      res.json(service.oneInAMillion(parsed(res, 'query', OneInAMillionQuery)));
    },
  );

  r.post(
    '/toms',
    { response: TomsCalculationAnswer },
    validate('body', TomsCalculation),
    async (_req, res) => {
      res.json(await service.toms(parsed(res, 'body', TomsCalculation).lines));
    },
  );

  return r.router;
}
