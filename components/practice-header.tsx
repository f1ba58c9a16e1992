import { PracticeHeaderView } from '@/components/practice-header-view';
import { practiceDetails } from '@/lib/practice';

export function PracticeHeader({
  children,
  homeHref = '/',
}: {
  children?: React.ReactNode;
  homeHref?: string;
}) {
  return (
    <PracticeHeaderView practice={practiceDetails()} homeHref={homeHref}>
      {children}
    </PracticeHeaderView>
  );
}
