import { useEffect } from 'react';

const PRODUCT = 'Impact Atlas';

/** Names the page in the browser tab and history, which screen readers announce on navigation. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} – ${PRODUCT}` : PRODUCT;
  }, [title]);
}
