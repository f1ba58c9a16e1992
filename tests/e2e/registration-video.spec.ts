import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';

import {
  demoAdmin,
  issuePinFor,
  registerChild,
  signInStaff,
  strongPassword,
  uniqueUserId,
} from './helpers';

/**
 * The Portal Registration Video, made from the real pages: sign-up, the welcome step, linking a
 * child with a PIN, a first look at the record and the Inbox, on a phone-sized screen. The
 * browser's own screencast frames are encoded with ffmpeg into MP4 (H.264) and WebM, with one
 * caption per step in every language, from the `helpVideo` catalog namespace.
 *
 * `npm run docs:video` writes into public/help-video (commit the result); the regular test run
 * writes into test-results/help-video and checks the result: its length and size, that each
 * caption's step is on screen at its time, and that the committed captions are current.
 */
type Catalog = { helpVideo: { steps: Record<string, string> } };
const catalog = (locale: string): Catalog =>
  JSON.parse(readFileSync(path.resolve('messages', `${locale}.json`), 'utf8')) as Catalog;
const en = catalog('en');
const es = catalog('es');

const committed = path.resolve('public/help-video');
const folder = path.resolve(process.env.HELP_VIDEO_DIR ?? 'test-results/help-video');
const out = (name: string) => path.join(folder, name);

const steps = ['home', 'signup', 'welcome', 'link', 'record', 'inbox'] as const;
type Step = (typeof steps)[number];
/** Where each step happens: a caption is right only if its page was on screen. */
const stepPaths: Record<Step, RegExp> = {
  home: /^\/$/,
  signup: /^\/signup$/,
  welcome: /^\/welcome$/,
  link: /^\/welcome$/,
  record: /^\/children\/[0-9a-f-]{36}$/,
  inbox: /^\/inbox$/,
};

interface Cue {
  step: Step;
  start: number;
  end: number;
  /** The page's path when the step's check picture was taken, and when (seconds into the video). */
  path: string;
  checkAt: number;
}

/** A pointer the viewer can follow, and a ring where it clicks: headless Chromium draws neither. */
function installPointer() {
  const saved = JSON.parse(sessionStorage.getItem('video-pointer') ?? '[195, 300]') as [
    number,
    number,
  ];
  let [x, y] = saved;
  const pointer = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  pointer.setAttribute('viewBox', '0 0 24 24');
  pointer.setAttribute('width', '28');
  pointer.setAttribute('height', '28');
  pointer.setAttribute('aria-hidden', 'true');
  const arrow = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  arrow.setAttribute('d', 'M3 2l7 19 2.6-7.4L20 11z');
  arrow.setAttribute('fill', '#111827');
  arrow.setAttribute('stroke', '#ffffff');
  arrow.setAttribute('stroke-width', '1.5');
  pointer.appendChild(arrow);
  Object.assign(pointer.style, {
    position: 'fixed',
    left: '0',
    top: '0',
    zIndex: '2147483647',
    pointerEvents: 'none',
    transition: 'transform 600ms ease-in-out',
    transform: `translate(${x - 3}px, ${y - 2}px)`,
  });
  const place = () => document.body?.appendChild(pointer);
  if (document.body) place();
  else document.addEventListener('DOMContentLoaded', place);
  (window as unknown as { videoPointer: unknown }).videoPointer = {
    moveTo(toX: number, toY: number) {
      [x, y] = [toX, toY];
      sessionStorage.setItem('video-pointer', JSON.stringify([x, y]));
      pointer.style.transform = `translate(${x - 3}px, ${y - 2}px)`;
    },
    click() {
      const ring = document.createElement('div');
      Object.assign(ring.style, {
        position: 'fixed',
        left: `${x - 18}px`,
        top: `${y - 18}px`,
        width: '36px',
        height: '36px',
        borderRadius: '50%',
        border: '3px solid #2563eb',
        zIndex: '2147483646',
        pointerEvents: 'none',
        transition: 'transform 500ms ease-out, opacity 500ms ease-out',
      });
      document.body.appendChild(ring);
      requestAnimationFrame(() => {
        ring.style.transform = 'scale(1.8)';
        ring.style.opacity = '0';
      });
      setTimeout(() => ring.remove(), 700);
    },
  };
}

type PointerWindow = { videoPointer: { moveTo(x: number, y: number): void; click(): void } };

async function pointAt(page: Page, target: Locator) {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error('nothing to point at');
  const [x, y] = [box.x + Math.min(box.width / 2, 60), box.y + box.height / 2];
  await page.evaluate(
    ([toX, toY]) => (window as unknown as PointerWindow).videoPointer.moveTo(toX!, toY!),
    [x, y],
  );
  await page.waitForTimeout(750);
}

async function clickOn(page: Page, target: Locator) {
  await pointAt(page, target);
  await page.evaluate(() => (window as unknown as PointerWindow).videoPointer.click());
  await page.waitForTimeout(300);
  await target.click();
}

async function typeInto(page: Page, target: Locator, text: string) {
  await clickOn(page, target);
  await target.pressSequentially(text, { delay: 55 });
  await page.waitForTimeout(250);
}

const seconds = (value: number) => value.toFixed(3);
function vttTime(value: number) {
  const ms = Math.round(value * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const rest = ms % 1000;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(rest).padStart(3, '0')}`;
}

/** One cue per step, from a catalog: the words of the captions are translated like any page. */
function captions(cues: Cue[], words: Catalog) {
  return `WEBVTT\n\n${cues
    .map(
      (cue, index) =>
        `${index + 1}\n${vttTime(cue.start)} --> ${vttTime(cue.end)}\n${words.helpVideo.steps[cue.step]}\n`,
    )
    .join('\n')}`;
}

const ffmpeg = (args: string[]) =>
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);

function durationOf(file: string): number {
  return Number(
    execFileSync('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'format=duration',
      '-of',
      'default=noprint_wrappers=1:nokey=1',
      file,
    ])
      .toString()
      .trim(),
  );
}

/** SSIM of the video's frame at a time against a picture of the page taken then (1 = identical). */
function similarity(video: string, at: number, picture: string, work: string): number {
  const frame = path.join(work, `frame-${at.toFixed(2)}.png`);
  ffmpeg(['-ss', seconds(at), '-i', video, '-frames:v', '1', frame]);
  // ffmpeg prints the SSIM summary on stderr.
  const { stdout, stderr } = spawnSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-i',
      frame,
      '-i',
      picture,
      '-lavfi',
      '[0][1]scale2ref[a][b];[a][b]ssim',
      '-f',
      'null',
      '-',
    ],
    { encoding: 'utf8' },
  );
  const text = `${stdout}${stderr}`;
  return Number(/All:([0-9.]+)/.exec(text)?.[1] ?? 0);
}

test('the registration video is made from the real pages, with a caption per step', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  mkdirSync(folder, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), 'registration-video-'));

  // Off camera: the office registers the child and prints the PIN letter.
  const staff = await (await browser.newContext()).newPage();
  await signInStaff(staff, demoAdmin);
  await registerChild(staff, { firstName: 'Sam', lastName: 'Example', dateOfBirth: '2022-05-09' });
  const pin = await issuePinFor(staff, 'Alex Parent', 'Mother');
  await staff.context().close();

  const context = await browser.newContext({
    viewport: { width: 390, height: 760 },
    deviceScaleFactor: 1,
  });
  await context.addInitScript(installPointer);
  const page = await context.newPage();
  const frames: { at: number; data: Buffer }[] = [];
  const cdp = await context.newCDPSession(page);
  cdp.on('Page.screencastFrame', (frame) => {
    frames.push({ at: Date.now() / 1000, data: Buffer.from(frame.data, 'base64') });
    void cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => {});
  });

  const cues: Cue[] = [];
  let started = 0;
  let current: { step: Step; start: number } | null = null;
  const now = () => Date.now() / 1000 - started;
  /** Ends the step on screen with a picture of it (the check compares the video's frame then). */
  const endStep = async (hold = 1500) => {
    await page.waitForTimeout(hold);
    if (!current) return;
    const checkAt = now();
    await page.screenshot({ path: path.join(work, `check-${cues.length}.png`) });
    await page.waitForTimeout(400);
    cues.push({ ...current, end: now(), path: new URL(page.url()).pathname, checkAt });
    current = null;
  };
  const beginStep = (step: Step) => {
    current = { step, start: cues.length === 0 ? 0 : now() };
  };

  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Create a free account' })).toBeVisible();
  await cdp.send('Page.startScreencast', {
    format: 'jpeg',
    quality: 85,
    maxWidth: 390,
    maxHeight: 760,
  });
  started = Date.now() / 1000;

  beginStep('home');
  await page.waitForTimeout(3500);
  await pointAt(page, page.getByRole('link', { name: 'Create a free account' }));
  await endStep(1200);
  await clickOn(page, page.getByRole('link', { name: 'Create a free account' }));
  await expect(page).toHaveURL(/\/signup$/);

  beginStep('signup');
  const userId = uniqueUserId('alex');
  await page.waitForTimeout(1500);
  await typeInto(page, page.getByLabel('First name'), 'Alex');
  await typeInto(page, page.getByLabel('Last name'), 'Parent');
  await typeInto(page, page.getByLabel('User ID'), userId);
  await typeInto(page, page.getByLabel('Email'), 'alex@example.org');
  await typeInto(page, page.getByLabel('Password', { exact: true }), strongPassword);
  await typeInto(page, page.getByLabel('Confirm password'), strongPassword);
  await clickOn(page, page.getByLabel('Hint question'));
  await page.getByLabel('Hint question').selectOption({ index: 1 });
  await typeInto(page, page.getByLabel('Hint answer'), 'Pancake');
  await pointAt(page, page.getByRole('button', { name: 'Create account' }));
  await endStep(1000);
  await clickOn(page, page.getByRole('button', { name: 'Create account' }));
  await expect(page).toHaveURL(/\/welcome$/);

  beginStep('welcome');
  await page.waitForTimeout(4000);
  await page.mouse.wheel(0, 250);
  await endStep(2500);

  beginStep('link');
  await typeInto(page, page.getByLabel('PIN'), pin);
  // A date field takes its value whole (typed keys follow the browser's own date format).
  await clickOn(page, page.getByLabel('Child’s date of birth'));
  await page.getByLabel('Child’s date of birth').fill('2022-05-09');
  await page.waitForTimeout(800);
  await clickOn(page, page.getByLabel('Your relationship to the child'));
  await page.getByLabel('Your relationship to the child').selectOption('mother');
  await pointAt(page, page.getByRole('button', { name: 'Link child' }));
  await endStep(1000);
  await clickOn(page, page.getByRole('button', { name: 'Link child' }));
  await expect(page.getByText('Sam is now linked to your account.')).toBeVisible();
  await page.waitForTimeout(2500);
  await clickOn(page, page.getByRole('link', { name: /^Sam\b/ }).first());
  await expect(page).toHaveURL(/\/children\/[0-9a-f-]{36}$/);

  beginStep('record');
  await page.waitForTimeout(3500);
  await page.mouse.wheel(0, 400);
  await page.waitForTimeout(2500);
  await page.mouse.wheel(0, -400);
  await endStep(1500);
  await clickOn(page, page.getByRole('link', { name: /^Inbox/ }));
  await expect(page).toHaveURL(/\/inbox$/);

  beginStep('inbox');
  await endStep(5000);
  await cdp.send('Page.stopScreencast');
  const total = Math.max(now(), 62);
  cues[cues.length - 1]!.end = total;
  await context.close();

  // Each frame is shown until the next one: the screencast sends a frame only when the page changes.
  const list: string[] = [];
  const shown = frames.filter((frame) => frame.at >= started - 0.05);
  shown.forEach((frame, index) => {
    const file = path.join(work, `f${String(index).padStart(5, '0')}.jpg`);
    writeFileSync(file, frame.data);
    const next = shown[index + 1]?.at ?? started + total;
    list.push(`file '${file}'`, `duration ${seconds(Math.max(next - frame.at, 0.001))}`);
  });
  list.push(`file '${path.join(work, `f${String(shown.length - 1).padStart(5, '0')}.jpg`)}'`);
  writeFileSync(path.join(work, 'frames.txt'), `${list.join('\n')}\n`);
  const concat = ['-f', 'concat', '-safe', '0', '-i', path.join(work, 'frames.txt')];
  const even = 'fps=15,scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p';
  ffmpeg([
    ...concat,
    '-vf',
    even,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '30',
    '-movflags',
    '+faststart',
    out('registration.mp4'),
  ]);
  ffmpeg([
    ...concat,
    '-vf',
    even,
    '-c:v',
    'libvpx',
    '-crf',
    '20',
    '-b:v',
    '400k',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    out('registration.webm'),
  ]);
  writeFileSync(out('registration-poster.jpg'), shown[0]!.data);
  writeFileSync(out('registration.en.vtt'), captions(cues, en));
  writeFileSync(out('registration.es.vtt'), captions(cues, es));
  writeFileSync(out('registration.cues.json'), `${JSON.stringify(cues, null, 2)}\n`);

  // The checks: length, size, every caption's step on screen at its time.
  for (const file of ['registration.mp4', 'registration.webm']) {
    const duration = durationOf(out(file));
    expect(duration, file).toBeGreaterThanOrEqual(60);
    expect(duration, file).toBeLessThanOrEqual(120);
    expect(statSync(out(file)).size, file).toBeLessThanOrEqual(8 * 1024 * 1024);
  }
  expect(cues.map((cue) => cue.step)).toEqual([...steps]);
  for (const [index, cue] of cues.entries()) {
    expect(cue.path, cue.step).toMatch(stepPaths[cue.step]);
    expect(cue.checkAt).toBeGreaterThanOrEqual(cue.start);
    expect(cue.checkAt).toBeLessThanOrEqual(cue.end);
    const score = similarity(
      out('registration.mp4'),
      cue.checkAt + 0.1,
      path.join(work, `check-${index}.png`),
      work,
    );
    expect(
      score,
      `${cue.step}: the video at ${cue.checkAt.toFixed(1)} s shows its step`,
    ).toBeGreaterThan(0.85);
  }

  // The committed video must tell the same steps with the same words (timings vary run to run).
  if (folder !== committed) {
    const cueText = (vtt: string) =>
      vtt.split('\n').filter((line) => line && !/^(WEBVTT|\d+|[\d:.]+ --> [\d:.]+)$/.test(line));
    for (const language of ['en', 'es']) {
      const file = `registration.${language}.vtt`;
      expect(
        existsSync(path.join(committed, file)),
        `${file} is committed (npm run docs:video)`,
      ).toBe(true);
      expect(
        cueText(readFileSync(path.join(committed, file), 'utf8')),
        `public/help-video/${file} is out of date: run npm run docs:video and commit the result`,
      ).toEqual(cueText(readFileSync(out(file), 'utf8')));
    }
    for (const file of ['registration.mp4', 'registration.webm', 'registration-poster.jpg']) {
      expect(existsSync(path.join(committed, file)), `${file} is committed`).toBe(true);
    }
    expect(durationOf(path.join(committed, 'registration.mp4'))).toBeGreaterThanOrEqual(60);
  }
  rmSync(work, { recursive: true, force: true });
});
