import type { Messages } from '@/lib/i18n/messages';

// Keys and namespaces checked by TypeScript: a typo in t('…') fails `npm run typecheck`.
declare module 'next-intl' {
  interface AppConfig {
    Messages: Messages;
  }
}
