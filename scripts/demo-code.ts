import { demoStaff } from '@/db/demo-logins';
import { totpCodeAt } from '@/lib/two-step/totp';

/**
 * What an authenticator app would show for the demo staff logins right now, so trying the
 * staff pages on a developer's machine needs no phone. The keys are public demo data: never
 * use them for a real account.
 */
function main() {
  if (process.argv.includes('--keys')) {
    for (const member of demoStaff)
      console.log(`  ${member.userId.padEnd(16)} ${member.totpSecret}`);
    return;
  }
  const now = new Date();
  const secondsLeft = 30 - (Math.floor(now.getTime() / 1000) % 30);
  for (const member of demoStaff)
    console.log(`  ${member.userId.padEnd(16)} ${totpCodeAt(member.totpSecret, now)}`);
  console.log(
    `\nThese codes change in ${secondsLeft} seconds. Each code works once: for a second sign-in, wait for the next one.`,
  );
}

main();
