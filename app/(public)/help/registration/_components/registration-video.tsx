import { getLocale, getT } from '@/lib/i18n/server';

const steps = ['home', 'signup', 'welcome', 'link', 'record', 'inbox'] as const;

/**
 * The Portal Registration Video (made by `npm run docs:video` from the real pages), with
 * captions in the reader's language and the same words as a transcript for anyone who cannot
 * play it. preload="none": nothing is downloaded until the parent presses play.
 */
export async function RegistrationVideo() {
  const t = await getT('helpVideo');
  const locale = await getLocale();
  return (
    <section aria-labelledby="registration-video-heading" className="flex flex-col gap-3">
      <h2 id="registration-video-heading" className="text-xl font-semibold">
        {t('heading')}
      </h2>
      <p>{t('intro')}</p>
      <video
        controls
        preload="none"
        playsInline
        poster="/help-video/registration-poster.jpg"
        width={390}
        height={760}
        className="h-auto w-full max-w-xs rounded-md border border-slate-300 bg-slate-100"
      >
        <source src="/help-video/registration.mp4" type="video/mp4" />
        <source src="/help-video/registration.webm" type="video/webm" />
        <track
          kind="captions"
          src={`/help-video/registration.${locale}.vtt`}
          srcLang={locale}
          label={t('captionsLabel')}
          default
        />
      </video>
      <p className="text-sm">
        {t.rich('download', {
          mp4: (chunks) => (
            <a href="/help-video/registration.mp4" download className="text-blue-700 underline">
              {chunks}
            </a>
          ),
        })}
      </p>
      <h3 className="font-semibold">{t('transcriptHeading')}</h3>
      <ol className="list-decimal pl-6">
        {steps.map((step) => (
          <li key={step}>{t(`steps.${step}`)}</li>
        ))}
      </ol>
    </section>
  );
}
