import { Alert } from '@/components/ui/alert';
import { shareEndedMessages } from '@/lib/records/share-schemas';

export default function ShareLinkNotFound() {
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-bold">This link does not open</h1>
      <Alert tone="error">{shareEndedMessages.not_found}</Alert>
    </div>
  );
}
