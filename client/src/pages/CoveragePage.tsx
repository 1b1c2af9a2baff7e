import { Navigate, useLocation, useParams } from 'react-router-dom';
import { CoverageView } from '../features/coverage/CoverageView';

/** `/coverage` and `/coverage/:code`: the coverage map, drill-in and table of territories. */
export function CoveragePage() {
  const { code } = useParams();
  const { search } = useLocation();
  const selectedCode = code?.trim().toUpperCase();
  // ONS codes are upper case; one typed in lower case still deserves the page, at its proper address.
  if (code !== undefined && code !== selectedCode) {
    return <Navigate to={{ pathname: `/coverage/${selectedCode}`, search }} replace />;
  }
  return <CoverageView selectedCode={selectedCode} />;
}
