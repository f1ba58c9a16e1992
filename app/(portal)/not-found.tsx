import { NotFoundContent } from '@/components/not-found-content';

// Inside the portal layout, which has already checked that this is a signed-in parent. Without
// this file the root one (with a header and footer of its own) could be drawn in here.
export default function PortalNotFound() {
  return <NotFoundContent homeHref="/dashboard" />;
}
