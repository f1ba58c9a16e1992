import cvxTable from './data/cvx.json';

/**
 * The staff vaccine list: every active CVX code, the ones children routinely get first. The
 * browser's own list filtering then finds a vaccine by name or by code as the clinician types.
 */
export function vaccinePickerOptions(): { code: string; name: string }[] {
  const active = cvxTable.vaccines.filter((vaccine) => vaccine.status === 'Active');
  const ordered = [
    ...active.filter((vaccine) => vaccine.pediatric),
    ...active.filter((vaccine) => !vaccine.pediatric),
  ];
  return ordered.map((vaccine) => ({ code: vaccine.code, name: vaccine.shortDescription }));
}
