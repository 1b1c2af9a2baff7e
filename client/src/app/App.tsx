import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, useState, type ComponentType } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AppLayout } from './AppLayout';
import { createQueryClient } from './query-client';
import { ROUTES, type PageName } from './routes';

// One chunk per page, fetched on first visit: the map's landing page should not wait for
// the forms, the coverage charts or the socket client, nor a sign-in page for Leaflet.
const PAGES: Record<PageName, ComponentType> = {
  MapPage: lazy(() => import('../pages/MapPage').then((m) => ({ default: m.MapPage }))),
  HomePage: lazy(() => import('../pages/HomePage').then((m) => ({ default: m.HomePage }))),
  ActivitiesPage: lazy(() =>
    import('../pages/ActivitiesPage').then((m) => ({ default: m.ActivitiesPage })),
  ),
  ActivityNewPage: lazy(() =>
    import('../pages/ActivityNewPage').then((m) => ({ default: m.ActivityNewPage })),
  ),
  ActivityPage: lazy(() =>
    import('../pages/ActivityPage').then((m) => ({ default: m.ActivityPage })),
  ),
  ActivityEditPage: lazy(() =>
    import('../pages/ActivityEditPage').then((m) => ({ default: m.ActivityEditPage })),
  ),
  TendersPage: lazy(() => import('../pages/TendersPage').then((m) => ({ default: m.TendersPage }))),
  TenderNewPage: lazy(() =>
    import('../pages/TenderNewPage').then((m) => ({ default: m.TenderNewPage })),
  ),
  TenderPage: lazy(() => import('../pages/TenderPage').then((m) => ({ default: m.TenderPage }))),
  TenderEditPage: lazy(() =>
    import('../pages/TenderEditPage').then((m) => ({ default: m.TenderEditPage })),
  ),
  TenderMatchesPage: lazy(() =>
    import('../pages/TenderMatchesPage').then((m) => ({ default: m.TenderMatchesPage })),
  ),
  ContractReportPage: lazy(() =>
    import('../pages/ContractReportPage').then((m) => ({ default: m.ContractReportPage })),
  ),
  SpoPage: lazy(() => import('../pages/SpoPage').then((m) => ({ default: m.SpoPage }))),
  LinkRequestsPage: lazy(() =>
    import('../pages/LinkRequestsPage').then((m) => ({ default: m.LinkRequestsPage })),
  ),
  DeliveryReportsPage: lazy(() =>
    import('../pages/DeliveryReportsPage').then((m) => ({ default: m.DeliveryReportsPage })),
  ),
  CoveragePage: lazy(() =>
    import('../pages/CoveragePage').then((m) => ({ default: m.CoveragePage })),
  ),
  TerritoryReportPage: lazy(() =>
    import('../pages/TerritoryReportPage').then((m) => ({ default: m.TerritoryReportPage })),
  ),
  CalculatorsPage: lazy(() =>
    import('../pages/CalculatorsPage').then((m) => ({ default: m.CalculatorsPage })),
  ),
  OpenDataPage: lazy(() =>
    import('../pages/OpenDataPage').then((m) => ({ default: m.OpenDataPage })),
  ),
  SignInPage: lazy(() => import('../pages/SignInPage').then((m) => ({ default: m.SignInPage }))),
  SignUpPage: lazy(() => import('../pages/SignUpPage').then((m) => ({ default: m.SignUpPage }))),
  AccountPage: lazy(() => import('../pages/AccountPage').then((m) => ({ default: m.AccountPage }))),
  OrganisationPage: lazy(() =>
    import('../pages/OrganisationPage').then((m) => ({ default: m.OrganisationPage })),
  ),
  InvitationPage: lazy(() =>
    import('../pages/InvitationPage').then((m) => ({ default: m.InvitationPage })),
  ),
  NotificationsPage: lazy(() =>
    import('../pages/NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
  ),
  NotificationPreferencesPage: lazy(() =>
    import('../pages/NotificationPreferencesPage').then((m) => ({
      default: m.NotificationPreferencesPage,
    })),
  ),
  UnsubscribePage: lazy(() =>
    import('../pages/UnsubscribePage').then((m) => ({ default: m.UnsubscribePage })),
  ),
  OutgoingMailPage: lazy(() =>
    import('../pages/OutgoingMailPage').then((m) => ({ default: m.OutgoingMailPage })),
  ),
  ForgotPasswordPage: lazy(() =>
    import('../pages/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })),
  ),
  ResetPasswordPage: lazy(() =>
    import('../pages/ResetPasswordPage').then((m) => ({ default: m.ResetPasswordPage })),
  ),
  VerifyEmailPage: lazy(() =>
    import('../pages/VerifyEmailPage').then((m) => ({ default: m.VerifyEmailPage })),
  ),
  NotFoundPage: lazy(() =>
    import('../pages/NotFoundPage').then((m) => ({ default: m.NotFoundPage })),
  ),
};

/** The whole client: providers and routes. */
export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route element={<AppLayout />}>
            {ROUTES.map(({ path, page }) => {
              const Page = PAGES[page];
              return <Route key={path} path={path} element={<Page />} />;
            })}
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
