import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AccountPage } from '../pages/AccountPage';
import { CalculatorsPage } from '../pages/CalculatorsPage';
import { CoveragePage } from '../pages/CoveragePage';
import { ActivitiesPage } from '../pages/ActivitiesPage';
import { ActivityEditPage } from '../pages/ActivityEditPage';
import { ActivityNewPage } from '../pages/ActivityNewPage';
import { ActivityPage } from '../pages/ActivityPage';
import { InvitationPage } from '../pages/InvitationPage';
import { LinkRequestsPage } from '../pages/LinkRequestsPage';
import { MapPage } from '../pages/MapPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { OrganisationPage } from '../pages/OrganisationPage';
import { SignInPage } from '../pages/SignInPage';
import { SignUpPage } from '../pages/SignUpPage';
import { SpoPage } from '../pages/SpoPage';
import { TenderEditPage } from '../pages/TenderEditPage';
import { TenderNewPage } from '../pages/TenderNewPage';
import { TenderPage } from '../pages/TenderPage';
import { TendersPage } from '../pages/TendersPage';
import { AppLayout } from './AppLayout';
import { createQueryClient } from './query-client';

/** The whole client: providers and routes. */
export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route element={<AppLayout />}>
            {/* The same page at the same place in the tree: choosing a territory keeps the map
                rather than rebuilding it. */}
            <Route index element={<MapPage />} />
            <Route path="territories/:code" element={<MapPage />} />
            <Route path="activities" element={<ActivitiesPage />} />
            <Route path="activities/new" element={<ActivityNewPage />} />
            <Route path="activities/:id" element={<ActivityPage />} />
            <Route path="activities/:id/edit" element={<ActivityEditPage />} />
            <Route path="tenders" element={<TendersPage />} />
            <Route path="tenders/new" element={<TenderNewPage />} />
            <Route path="tenders/:id" element={<TenderPage />} />
            <Route path="tenders/:id/edit" element={<TenderEditPage />} />
            <Route path="spos/:id" element={<SpoPage />} />
            <Route path="link-requests" element={<LinkRequestsPage />} />
            {/* As for the map: one element for both, so choosing a territory keeps the map. */}
            <Route path="coverage" element={<CoveragePage />} />
            <Route path="coverage/:code" element={<CoveragePage />} />
            <Route path="calculators" element={<CalculatorsPage />} />
            <Route path="sign-in" element={<SignInPage />} />
            <Route path="sign-up" element={<SignUpPage />} />
            <Route path="account" element={<AccountPage />} />
            <Route path="organisations/:id" element={<OrganisationPage />} />
            <Route path="invitations/:token" element={<InvitationPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
