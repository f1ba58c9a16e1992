import { NotFoundContent } from '@/components/not-found-content';
import { getCurrentSession } from '@/lib/auth/current';
import { homePathFor } from '@/lib/auth/home';

// Inside the public layout (header and footer already drawn); anyone may be looking.
export default async function PublicNotFound() {
  return <NotFoundContent homeHref={homePathFor(await getCurrentSession())} />;
}
