import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './lib/api';
import { OidcCallback } from './components/OidcCallback';
import './styles.css';

// Two code-split apps: coordinators never download the checkout, donors never download the admin.
const AdminApp = lazy(() => import('./admin/AdminApp'));
const CheckoutApp = lazy(() => import('./checkout/CheckoutApp'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      refetchOnWindowFocus: false,
      // A 4xx will not heal by repeating it; network errors and 5xx get one more try.
      retry: (count, error) => count < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

function Loading() {
  return (
    <div className="page-loading" role="status">
      Loading…
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/admin/callback" element={<OidcCallback />} />
            <Route path="/admin/*" element={<AdminApp />} />
            <Route path="/checkout/:eventId/*" element={<CheckoutApp />} />
            <Route path="*" element={<Navigate to="/admin/" replace />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
