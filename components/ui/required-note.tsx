import { useTranslations } from 'next-intl';

/** Said once above a form's fields; each required field's label carries the asterisk. */
export function RequiredNote() {
  const t = useTranslations('common');
  return (
    <p className="text-sm text-slate-700" data-required-note="">
      <span aria-hidden="true" className="font-semibold text-red-700">
        *
      </span>
      {t('required')}
    </p>
  );
}

/**
 * The asterisk after a required field's label (drawn in CSS: see .required-mark in globals.css,
 * so the label's text stays the field's name); the control itself says aria-required.
 */
export function RequiredMark() {
  return (
    <span
      aria-hidden="true"
      data-required-mark=""
      className="required-mark ml-0.5 font-semibold text-red-700"
    />
  );
}
