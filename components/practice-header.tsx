import { useLocale } from 'next-intl';

import { PracticeHeaderView } from '@/components/practice-header-view';
import { isLocale } from '@/lib/i18n/locales';
import { practiceDetails } from '@/lib/practice';

export function PracticeHeader({
  children,
  homeHref = '/',
}: {
  children?: React.ReactNode;
  homeHref?: string;
}) {
  // next-intl's locale: the request's on the server, the provider's when rendered in a test.
  const locale = useLocale();
  return (
    <PracticeHeaderView
      practice={practiceDetails(isLocale(locale) ? locale : undefined)}
      homeHref={homeHref}
    >
      {children}
    </PracticeHeaderView>
  );
}
