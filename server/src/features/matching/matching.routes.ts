import { IdParams } from '@shared/schemas/accounts';
import {
  MatchPage,
  MatchQuery,
  OpportunityPage,
  OpportunityQuery,
  ReachView,
  SuggestionQuery,
  SuggestionView,
} from '@shared/schemas/matching';
import { context } from '../../http/context';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import type { MatchingService } from './matching.service';

/**
 * Matching reads: `/api/tenders/:id/matches|suggestion|reach` (whoever may see the tender;
 * the answers hold only public figures and the asker's own lines) and
 * `/api/activities/:id/opportunities` (public: open tenders and the activity are public).
 */
export function matchingRoutes(table: RouteTable, service: MatchingService) {
  const tenders = table.router('/tenders');
  const activities = table.router('/activities');

  tenders.get(
    '/:id/matches',
    { response: MatchPage },
    validate('params', IdParams),
    validate('query', MatchQuery),
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      res.json(await service.matches(context(res).actor, id, parsed(res, 'query', MatchQuery)));
    },
  );

  tenders.get(
    '/:id/suggestion',
    { response: SuggestionView },
    validate('params', IdParams),
    validate('query', SuggestionQuery),
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      res.json(
        await service.suggestion(context(res).actor, id, parsed(res, 'query', SuggestionQuery)),
      );
    },
  );

  tenders.get(
    '/:id/reach',
    { response: ReachView },
    validate('params', IdParams),
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      res.json(await service.reach(context(res).actor, id));
    },
  );

  activities.get(
    '/:id/opportunities',
    { response: OpportunityPage },
    validate('params', IdParams),
    validate('query', OpportunityQuery),
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      res.json(await service.opportunities(id, parsed(res, 'query', OpportunityQuery)));
    },
  );

  return { tenders: tenders.router, activities: activities.router };
}
