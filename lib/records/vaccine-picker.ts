import 'server-only';

import { diseaseLabelsOf } from './cvx';
import cvxTable from './data/cvx.json';
import type { VaccineOption } from './vaccine-match';

/**
 * The staff vaccine picker's options: every active CVX code, the ones children routinely get
 * first, each with the words it is found by (lib/records/vaccine-match.ts): full name, CDC
 * groups and diseases.
 */
export function vaccinePickerOptions(): VaccineOption[] {
  const active = cvxTable.vaccines.filter((vaccine) => vaccine.status === 'Active');
  const ordered = [
    ...active.filter((vaccine) => vaccine.pediatric),
    ...active.filter((vaccine) => !vaccine.pediatric),
  ];
  return ordered.map((vaccine) => ({
    code: vaccine.code,
    name: vaccine.shortDescription,
    search: [vaccine.fullName, ...vaccine.groups, ...diseaseLabelsOf(vaccine.code)].join(' '),
  }));
}
