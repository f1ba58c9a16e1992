import { NotFoundContent } from '@/components/not-found-content';

// Inside the office layout, which has already checked that this is a staff member.
export default function OfficeNotFound() {
  return <NotFoundContent homeHref="/staff" />;
}
