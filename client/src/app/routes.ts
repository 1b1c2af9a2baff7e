/**
 * Every address of the app and the page that answers it, as plain data: `App.tsx` renders
 * these routes, and `bench/bundle.ts` (which runs in Node, with no DOM) measures what each
 * page loads. A page named here is `client/src/pages/<page>.tsx`, exporting a component
 * of the same name.
 *
 * Two addresses that share a page render the same component at the same place in the tree,
 * so moving between them keeps it: choosing a territory keeps the map rather than
 * rebuilding it.
 */
export const ROUTES = [
  { path: '/', page: 'MapPage' },
  { path: '/territories/:code', page: 'MapPage' },
  { path: '/home', page: 'HomePage' },
  { path: '/activities', page: 'ActivitiesPage' },
  { path: '/activities/new', page: 'ActivityNewPage' },
  { path: '/activities/:id', page: 'ActivityPage' },
  { path: '/activities/:id/edit', page: 'ActivityEditPage' },
  { path: '/tenders', page: 'TendersPage' },
  { path: '/tenders/new', page: 'TenderNewPage' },
  { path: '/tenders/:id', page: 'TenderPage' },
  { path: '/tenders/:id/edit', page: 'TenderEditPage' },
  { path: '/tenders/:id/matches', page: 'TenderMatchesPage' },
  { path: '/tenders/:id/report', page: 'ContractReportPage' },
  { path: '/spos/:id', page: 'SpoPage' },
  { path: '/spos/:id/check', page: 'SpoPage' },
  { path: '/link-requests', page: 'LinkRequestsPage' },
  { path: '/delivery-reports', page: 'DeliveryReportsPage' },
  { path: '/coverage', page: 'CoveragePage' },
  { path: '/coverage/:code', page: 'CoveragePage' },
  { path: '/coverage/:code/report', page: 'TerritoryReportPage' },
  { path: '/calculators', page: 'CalculatorsPage' },
  { path: '/open-data', page: 'OpenDataPage' },
  { path: '/sign-in', page: 'SignInPage' },
  { path: '/sign-up', page: 'SignUpPage' },
  { path: '/account', page: 'AccountPage' },
  { path: '/organisations/:id', page: 'OrganisationPage' },
  { path: '/invitations/:token', page: 'InvitationPage' },
  // Emailed links and what leads to them (the token comes as `?token=`).
  { path: '/forgot-password', page: 'ForgotPasswordPage' },
  { path: '/reset-password', page: 'ResetPasswordPage' },
  { path: '/verify-email', page: 'VerifyEmailPage' },
  { path: '/notifications', page: 'NotificationsPage' },
  { path: '/notifications/preferences', page: 'NotificationPreferencesPage' },
  { path: '/unsubscribe', page: 'UnsubscribePage' },
  { path: '/admin/outgoing-mail', page: 'OutgoingMailPage' },
  { path: '*', page: 'NotFoundPage' },
] as const satisfies readonly { path: string; page: string }[];

/** The name of a page module in `client/src/pages/`. */
export type PageName = (typeof ROUTES)[number]['page'];
