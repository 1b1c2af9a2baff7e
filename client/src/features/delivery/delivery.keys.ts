/** React Query keys for the delivery of awarded SPOs: schedules, reports and answers. */
export const deliveryKeys = {
  all: ['delivery'] as const,
  /** One awarded SPO's milestones and report history, as the viewer may see them. */
  spo: (spoId: string) => [...deliveryKeys.all, 'spo', spoId] as const,
  /** Every page of the reports lists, to invalidate them together. */
  reportLists: () => [...deliveryKeys.all, 'reports'] as const,
  reportList: (role: 'answer' | 'sent', page: number) =>
    [...deliveryKeys.reportLists(), { role, page }] as const,
};
