'use client';

import { useTranslations } from 'next-intl';
import {
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

import { TextField } from '@/components/ui/field';
import {
  matchVaccineOptions,
  vaccineOptionLabel,
  type VaccineOption,
} from '@/lib/records/vaccine-match';

const SHOWN = 12;

/**
 * The vaccine field of the staff chart form: a text box that lists matching vaccines as the
 * clinician types a name, CVX code or disease (the WAI-ARIA combobox pattern with a list popup:
 * arrows move, Enter chooses, Escape closes). What is typed stays in the field, so the server's
 * clear message for a vaccine it does not know still applies to anything not chosen from the list.
 */
export function VaccineCombobox({
  id,
  label,
  hint,
  error,
  options,
  value,
  field,
  onChoose,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  options: readonly VaccineOption[];
  value: string;
  field: UseFormRegisterReturn;
  onChoose: (label: string) => void;
}) {
  const t = useTranslations('staffChart.combobox');
  const listId = `${id}-listbox`;
  const statusId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [top, setTop] = useState(0);
  const input = useRef<HTMLInputElement | null>(null);
  const matches = useMemo(() => matchVaccineOptions(options, value, SHOWN), [options, value]);
  const expanded = open && matches.length > 0;

  // The list sits right under the text box, above the hint or error that follows it.
  useLayoutEffect(() => {
    if (!expanded) return;
    const place = () => {
      if (input.current) setTop(input.current.offsetTop + input.current.offsetHeight);
    };
    place();
    // A narrower window can wrap the label or hint onto more lines and move the text box.
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [expanded]);

  function choose(option: VaccineOption) {
    onChoose(vaccineOptionLabel(option));
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!expanded) {
        setOpen(true);
        setActive(event.key === 'ArrowDown' ? 0 : matches.length - 1);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + matches.length) % matches.length);
    } else if (event.key === 'Enter' && expanded && matches[active]) {
      // Choosing from the list, not submitting the form.
      event.preventDefault();
      choose(matches[active]);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <div className="relative">
      <TextField
        id={id}
        label={label}
        hint={hint}
        error={error}
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        name={field.name}
        // A prop in React 19; spread because TextField's props do not name it.
        {...{
          ref: (element: HTMLInputElement | null) => {
            field.ref(element);
            input.current = element;
          },
        }}
        onChange={(event) => {
          void field.onChange(event);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={(event) => {
          setOpen(false);
          setActive(-1);
          void field.onBlur(event);
        }}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={t('list', { label })}
        hidden={!expanded}
        style={{ top }}
        className="absolute inset-x-0 z-20 mt-1 max-h-72 overflow-y-auto rounded-md border border-slate-400 bg-white py-1 shadow-lg"
      >
        {matches.map((option, index) => (
          <li
            key={option.code}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            // Keep the focus in the text box: a click chooses without blurring it first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(option)}
            className={`flex min-h-11 cursor-pointer items-baseline gap-3 px-3 py-2 ${index === active ? 'bg-brand-600 text-white' : 'hover:bg-slate-100'}`}
          >
            <span className="w-10 shrink-0 font-mono text-sm">{option.code}</span>
            <span className="font-medium">{option.name}</span>
          </li>
        ))}
      </ul>
      <p id={statusId} className="sr-only" aria-live="polite">
        {open && value.trim()
          ? matches.length === 0
            ? t('none')
            : matches.length === SHOWN
              ? t('many', { count: SHOWN })
              : t('some', { count: matches.length })
          : ''}
      </p>
    </div>
  );
}
