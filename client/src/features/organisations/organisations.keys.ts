/** React Query keys for organisation profiles and their members. */
export const organisationKeys = {
  all: ['organisations'] as const,
  detail: (id: string) => [...organisationKeys.all, 'detail', id] as const,
  members: (id: string) => [...organisationKeys.all, 'members', id] as const,
};
