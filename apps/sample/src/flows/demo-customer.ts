/** The demo customer the page and the CLI link accounts for (a real app uses its signed-in user). */
export const DEMO_CUSTOMER = {
  email: 'ada.lovelace@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
} as const;
