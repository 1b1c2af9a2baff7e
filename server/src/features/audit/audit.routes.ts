import { AuditEntryView, AuditQuery, page } from '@shared/schemas/accounts';
import { context } from '../../http/context';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import { authorize } from '../../lib/policy';
import { auditScope } from './audit.policy';
import type { AuditService } from './audit.service';

const AuditPage = page(AuditEntryView);

/**
 * `GET /api/audit`: administrators read every entry; an owner reads the entries about the
 * organisations they own. There is deliberately no route that changes an entry.
 */
export function auditRoutes(table: RouteTable, service: AuditService) {
  const r = table.router('/audit');
  r.get('/', { response: AuditPage }, validate('query', AuditQuery), async (_req, res) => {
    const ctx = context(res);
    const query = parsed(res, 'query', AuditQuery);
    const scope = auditScope(ctx.actor);
    const allowed =
      scope === 'all' ||
      (scope.length > 0 &&
        (query.organisationId === undefined || scope.includes(query.organisationId)));
    authorize(ctx.actor, allowed, 'read this audit trail');
    res.set('Cache-Control', 'no-store').json(await service.list(query, scope));
  });
  return r.router;
}
