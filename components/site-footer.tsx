import { SiteFooterView } from '@/components/site-footer-view';
import { practiceDetails } from '@/lib/practice';

export function SiteFooter() {
  return <SiteFooterView practice={practiceDetails()} />;
}
