/** React Query keys for a person's notifications, their preferences and the outgoing mail. */
export const notificationKeys = {
  all: ['notifications'] as const,
  unread: () => [...notificationKeys.all, 'unread'] as const,
  lists: () => [...notificationKeys.all, 'list'] as const,
  list: (page: number, unreadOnly: boolean) =>
    [...notificationKeys.lists(), { page, unreadOnly }] as const,
  preferences: () => [...notificationKeys.all, 'preferences'] as const,
  interest: () => [...notificationKeys.all, 'interest'] as const,
  outgoingMail: (filters: { page: number; status?: string | undefined; to?: string | undefined }) =>
    [...notificationKeys.all, 'outgoing-mail', filters] as const,
};
