'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { resendStaffSetupLink } from '@/app/staff/(office)/users/actions';
import { useActionButtons } from '@/components/forms/use-action-buttons';
import { Button } from '@/components/ui/button';
import { staffRoles, type StaffRole } from '@/lib/staff/vocabulary';

import { changeStaffRoles, disableStaffAccount, enableStaffAccount } from '../actions';

export function StaffUserControls({
  staffUserId,
  name,
  roles,
  disabled,
  awaitingSetup = false,
}: {
  staffUserId: string;
  name: string;
  roles: StaffRole[];
  disabled: boolean;
  /** Has not used a set-up link yet: offer a new one. */
  awaitingSetup?: boolean;
}) {
  const t = useTranslations('staffForms.userControls');
  const tRoles = useTranslations('staffForms.roles');
  const [selected, setSelected] = useState<StaffRole[]>(roles);
  const { pending, run, status } = useActionButtons();

  return (
    <div className="flex flex-col gap-3">
      <fieldset>
        <legend className="sr-only">{t('rolesFor', { name })}</legend>
        <div className="flex flex-wrap gap-3">
          {staffRoles.map((role) => (
            <label key={role} className="inline-flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                className="size-5"
                checked={selected.includes(role)}
                onChange={(event) =>
                  setSelected((current) =>
                    event.target.checked ? [...current, role] : current.filter((r) => r !== role),
                  )
                }
              />
              {tRoles(role)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          pending={pending === 'roles'}
          onClick={() =>
            run('roles', () => changeStaffRoles({ staffUserId, roles: selected }), t('rolesSaved'))
          }
        >
          {t('saveRoles')}
        </Button>
        {awaitingSetup && !disabled ? (
          <Button
            variant="secondary"
            pending={pending === 'setup-link'}
            onClick={() =>
              run('setup-link', () => resendStaffSetupLink({ staffUserId }), t('linkSent'))
            }
          >
            {t('sendLink')}
          </Button>
        ) : null}
        {disabled ? (
          <Button
            variant="secondary"
            pending={pending === 'status'}
            onClick={() => run('status', () => enableStaffAccount({ staffUserId }), t('enabled'))}
          >
            {t('enable')}
          </Button>
        ) : (
          <Button
            variant="danger"
            pending={pending === 'status'}
            onClick={() => run('status', () => disableStaffAccount({ staffUserId }), t('disabled'))}
          >
            {t('disable')}
          </Button>
        )}
      </div>
      {status}
    </div>
  );
}
