'use client';

import { Activity, createElement, lazy, type ComponentType } from 'react';

/**
 * A form whose code (react-hook-form and the form's own, some 15 kB gzipped) is not part of its
 * page's first-load JavaScript (issue #22: at most 150 kB on every parent page). The server
 * renders the form in full, as before; in the browser the rest of the page comes alive without
 * waiting for it, and the form's code is fetched when the page comes alive (hydrates). Until it
 * arrives the form is the server's HTML in a boundary of its own: a form that works without
 * JavaScript posts to its server action, React replays a submit of one that does not once it is
 * live, and what was typed stays (react-hook-form keeps a value edited before it took the field).
 *
 * `rendered` is the form itself on the server, required at once so that the page's HTML never
 * waits on a chunk; it is undefined in the browser, where `load` fetches it. Each use reads:
 *
 *   typeof window === 'undefined' ? require('./x-form').XForm : undefined,
 *   () => import('./x-form').then((forms) => forms.XForm)
 *
 * The bundler drops the `require` from the browser's code, so the form has a chunk of its own.
 */
export function deferredForm<Props extends object>(
  rendered: ComponentType<Props> | undefined,
  load: () => Promise<ComponentType<Props>>,
): ComponentType<Props> {
  const Form = rendered ?? lazy(() => load().then((component) => ({ default: component })));
  function DeferredForm(props: Props) {
    // Not Suspense: on a long page React sends a finished Suspense boundary out of line, hidden
    // until an inline script moves it in place, which a browser without JavaScript never runs.
    // A visible Activity is written in line, and hydrates on its own, after the rest of the page.
    return <Activity mode="visible">{createElement(Form, props)}</Activity>;
  }
  return DeferredForm;
}
