/** React Query keys for the provider inbox of link-up requests. */
export const linkRequestKeys = {
  all: ['link-requests'] as const,
  list: () => [...linkRequestKeys.all, 'list'] as const,
};
