import { PracticeHeaderView } from '@/components/practice-header-view';
import { getLocale } from '@/lib/i18n/server';
import { practiceDetails } from '@/lib/practice';

export async function PracticeHeader({
  children,
  homeHref = '/',
}: {
  children?: React.ReactNode;
  homeHref?: string;
}) {
  return (
    <PracticeHeaderView practice={practiceDetails(await getLocale())} homeHref={homeHref}>
      {children}
    </PracticeHeaderView>
  );
}
