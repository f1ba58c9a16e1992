import 'server-only';

/**
 * The printable immunization record (for school, camp, child care) as a PDF.
 *
 * Drawn with pdfkit's built-in Helvetica, so no font files ship with the app. Every line is placed
 * by this module (no pdfkit text wrapping), which keeps pdfkit from starting pages on its own and
 * lets the layout promise one page for a typical child: about 25 doses in two compact columns.
 */
import PDFDocument from 'pdfkit';

import { intlLocaleFor, type Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/server';

import type { PrintedGroup } from './cvx';

export type ImmunizationRecordForPrint = {
  /** The reader's language: the labels, dates and vaccine rows are already in it. */
  locale: Locale;
  practice: { name: string; address: string; phone: string };
  child: { name: string; dateOfBirth: string /* display string */ };
  printedOn: string /* display string */;
  groups: PrintedGroup[];
};

export type RenderPdfOptions = {
  /** Tests turn compression off to read the content streams; real output is always compressed. */
  compress?: boolean;
};

// US Letter, in points.
const page = { width: 612, height: 792 };
const margin = { top: 40, side: 40, bottom: 36 };
const contentWidth = page.width - 2 * margin.side;
const columnGap = 24;
const columnWidth = (contentWidth - columnGap) / 2;
// Inside a column: date | vaccine | dose.
const dateWidth = 50;
const doseWidth = 32;
const vaccineWidth = columnWidth - dateWidth - doseWidth - 8;

const type = { body: 8, label: 8.5, small: 7.5 };
const lineHeight = 9.5; // for 8 pt Helvetica
const groupLabelHeight = 15;
const groupGap = 6;
const columnHeaderHeight = 12;
// Reserved at the bottom of every page for "Printed on", page numbers and, on the last, the signature.
const footerHeight = 64;
const bodyBottom = page.height - margin.bottom - footerHeight;

const regular = 'Helvetica';
const bold = 'Helvetica-Bold';
const grey = '#555555';

/*
 * The standard PDF fonts only know the Windows-1252 characters; pdfkit writes anything else as a
 * broken glyph. Accents outside that set lose their accent ("Łucja" → "Lucja"), and what cannot be
 * spelled at all (Chinese, Arabic, …) becomes "?". A name in another script needs an embedded
 * font, which this record deliberately avoids.
 */
const windows1252Extras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
// Letters whose accent is not a separate mark, so Unicode decomposition cannot remove it.
const undecomposable: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
};
function printable(text: string): string {
  return text.replace(/[^\u0020-\u007e\u00a0-\u00ff]/gu, (char) => {
    if (windows1252Extras.has(char)) return char;
    if (/\s/u.test(char)) return ' ';
    const base = undecomposable[char] ?? char.normalize('NFKD').replace(/\p{M}/gu, '');
    return /^[\u0020-\u007e\u00a0-\u00ff]+$/u.test(base) ? base : '?';
  });
}

type Doc = PDFKit.PDFDocument;
type Words = ReturnType<typeof translatorFor<'immunizationPdf'>>;

/** Splits text into lines that fit `width`; past `maxLines` the last line ends with "…". */
function wrapLines(doc: Doc, text: string, width: number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (doc.widthOfString(candidate) <= width || !line) {
      line = candidate;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  const kept = lines.slice(0, maxLines);
  const lastIndex = kept.length - 1;
  if (lastIndex >= 0 && (lines.length > maxLines || doc.widthOfString(kept[lastIndex]!) > width)) {
    let last = kept[lastIndex]!;
    while (last.length > 1 && doc.widthOfString(`${last}…`) > width)
      last = last.slice(0, -1).trimEnd();
    kept[lastIndex] = `${last}…`;
  }
  return kept;
}

/** "2024-03-15" → "03/15/2024", the form US school and child-care forms use. */
function usDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match ? `${match[2]}/${match[3]}/${match[1]}` : isoDate;
}

type Row =
  | { kind: 'label'; text: string; height: number }
  | { kind: 'dose'; date: string; vaccine: string[]; dose: string; height: number };

function buildRows(doc: Doc, t: Words, groups: readonly PrintedGroup[]): Row[][] {
  doc.font(regular).fontSize(type.body);
  return groups.map((group) => [
    { kind: 'label' as const, text: printable(group.label), height: groupLabelHeight },
    ...group.doses.map((dose) => {
      const vaccine = wrapLines(doc, printable(dose.vaccine), vaccineWidth, 2);
      return {
        kind: 'dose' as const,
        date: usDate(dose.administeredOn),
        vaccine,
        dose: dose.doseNumber === null ? '' : t('doseNumber', { number: dose.doseNumber }),
        height: vaccine.length * lineHeight + 1.5,
      };
    }),
  ]);
}

function heightOf(rows: readonly Row[]): number {
  return rows.reduce((sum, row) => sum + row.height, 0) + groupGap;
}

function drawText(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  font: string,
  size: number,
  color = 'black',
) {
  doc.font(font).fontSize(size).fillColor(color).text(text, x, y, { lineBreak: false });
}

function drawRightAligned(
  doc: Doc,
  text: string,
  right: number,
  y: number,
  font: string,
  size: number,
) {
  doc.font(font).fontSize(size);
  drawText(doc, text, right - doc.widthOfString(text), y, font, size);
}

function drawRule(doc: Doc, y: number, color = '#999999') {
  doc
    .moveTo(margin.side, y)
    .lineTo(page.width - margin.side, y)
    .lineWidth(0.5)
    .strokeColor(color)
    .stroke();
}

/** Practice, title and child on the first page; returns where the body starts. */
function drawFirstPageHeader(doc: Doc, t: Words, record: ImmunizationRecordForPrint): number {
  let y = margin.top;
  drawText(doc, printable(record.practice.name), margin.side, y, bold, 13);
  y += 16;
  doc.font(regular).fontSize(9);
  const contact = [record.practice.address.split(/\s*\n\s*/).join(', '), record.practice.phone]
    .filter(Boolean)
    .join(' · ');
  for (const line of wrapLines(doc, printable(contact), contentWidth, 2)) {
    drawText(doc, line, margin.side, y, regular, 9, grey);
    y += 11;
  }
  y += 4;
  drawRule(doc, y);
  y += 10;
  drawText(doc, printable(t('title')), margin.side, y, bold, 16);
  y += 24;
  const nameLabel = printable(t('name'));
  drawText(doc, nameLabel, margin.side, y, bold, 10);
  doc.font(bold).fontSize(10);
  const nameX = margin.side + doc.widthOfString(`${nameLabel} `);
  doc.font(regular);
  const name =
    wrapLines(
      doc,
      printable(record.child.name),
      contentWidth * 0.6 - (nameX - margin.side),
      1,
    )[0] ?? '';
  drawText(doc, name, nameX, y, regular, 10);
  const dobLabel = `${printable(t('dateOfBirth'))} `;
  const dobX = margin.side + contentWidth * 0.62;
  drawText(doc, dobLabel, dobX, y, bold, 10);
  doc.font(bold).fontSize(10);
  drawText(
    doc,
    printable(record.child.dateOfBirth),
    dobX + doc.widthOfString(dobLabel),
    y,
    regular,
    10,
  );
  y += 18;
  drawRule(doc, y);
  return y + 8;
}

/** A shorter header on later pages, so a loose page still says whose record it is. */
function drawContinuationHeader(doc: Doc, t: Words, record: ImmunizationRecordForPrint): number {
  const y = margin.top;
  doc.font(regular).fontSize(9);
  const text = printable(
    t('continued', { name: record.child.name, date: record.child.dateOfBirth }),
  );
  drawText(doc, wrapLines(doc, text, contentWidth, 1)[0] ?? '', margin.side, y, regular, 9, grey);
  drawRule(doc, y + 14);
  return y + 22;
}

function drawColumnHeader(doc: Doc, t: Words, x: number, y: number) {
  drawText(doc, printable(t('date')), x, y, bold, type.small, grey);
  drawText(doc, printable(t('vaccine')), x + dateWidth, y, bold, type.small, grey);
  doc.font(bold).fontSize(type.small);
  drawRightAligned(doc, printable(t('dose')), x + columnWidth, y, bold, type.small);
}

function drawRow(doc: Doc, t: Words, row: Row, x: number, y: number, continued = false) {
  if (row.kind === 'label') {
    drawText(
      doc,
      continued ? printable(t('continuedLabel', { label: row.text })) : row.text,
      x,
      y + 3,
      bold,
      type.label,
    );
    doc
      .moveTo(x, y + row.height - 2)
      .lineTo(x + columnWidth, y + row.height - 2)
      .lineWidth(0.4)
      .strokeColor('#bbbbbb')
      .stroke();
    return;
  }
  drawText(doc, row.date, x, y + 1, regular, type.body);
  row.vaccine.forEach((line, index) =>
    drawText(doc, line, x + dateWidth, y + 1 + index * lineHeight, regular, type.body),
  );
  if (row.dose) drawRightAligned(doc, row.dose, x + columnWidth, y + 1, regular, type.body);
}

/**
 * Flows the groups down the left column, then the right, then onto new pages. When what is left
 * fits on the current page, the left column stops near half of it so the columns come out
 * balanced. A group is kept whole when it fits in a fresh column; a longer one is split, its label
 * repeated with "(continued)".
 */
function drawBody(doc: Doc, t: Words, record: ImmunizationRecordForPrint, top: number) {
  const blocks = buildRows(doc, t, record.groups);
  if (blocks.length === 0) {
    drawText(doc, printable(t('none')), margin.side, top + 4, regular, 10);
    return;
  }
  let pageTop = top;
  let column = 0;
  let y = pageTop + columnHeaderHeight;
  let leftColumnTarget = bodyBottom;
  const columnX = () => margin.side + column * (columnWidth + columnGap);

  const startPage = (first: boolean) => {
    if (!first) {
      doc.addPage();
      pageTop = drawContinuationHeader(doc, t, record);
    }
    column = 0;
    y = pageTop + columnHeaderHeight;
    drawColumnHeader(doc, t, columnX(), pageTop);
  };
  const balanceFor = (remaining: number) => {
    const room = bodyBottom - (pageTop + columnHeaderHeight);
    leftColumnTarget =
      remaining <= 2 * room ? pageTop + columnHeaderHeight + remaining / 2 : bodyBottom;
  };
  const nextColumn = (remaining: number) => {
    if (column === 0) {
      column = 1;
      y = pageTop + columnHeaderHeight;
      drawColumnHeader(doc, t, columnX(), pageTop);
    } else {
      startPage(false);
      balanceFor(remaining);
    }
  };

  startPage(true);
  balanceFor(blocks.reduce((sum, rows) => sum + heightOf(rows), 0));
  const freshColumnRoom = () => bodyBottom - (pageTop + columnHeaderHeight);

  for (const [index, rows] of blocks.entries()) {
    const remaining = blocks.slice(index).reduce((sum, block) => sum + heightOf(block), 0);
    const blockHeight = heightOf(rows);
    const pastBalancePoint = column === 0 && y >= leftColumnTarget;
    const wouldSplit = y + blockHeight - groupGap > bodyBottom && blockHeight <= freshColumnRoom();
    const columnHasContent = y > pageTop + columnHeaderHeight;
    // A label needs at least its first dose beneath it.
    const labelWouldBeAlone = y + (rows[0]?.height ?? 0) + (rows[1]?.height ?? 0) > bodyBottom;
    if (columnHasContent && (pastBalancePoint || wouldSplit || labelWouldBeAlone))
      nextColumn(remaining);

    const [label, ...doses] = rows;
    if (!label) continue;
    drawRow(doc, t, label, columnX(), y);
    y += label.height;
    for (const dose of doses) {
      if (y + dose.height > bodyBottom) {
        nextColumn(remaining);
        drawRow(doc, t, label, columnX(), y, true);
        y += label.height;
      }
      drawRow(doc, t, dose, columnX(), y);
      y += dose.height;
    }
    y += groupGap;
  }
}

/** "Printed on" and page numbers on every page; the clinician's signature on the last. */
function drawFooters(doc: Doc, t: Words, record: ImmunizationRecordForPrint) {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const bottomLine = page.height - margin.bottom - 9;
    if (index === start + count - 1) {
      const signatureY = bottomLine - 24;
      const signatureEnd = margin.side + contentWidth * 0.62;
      const dateStart = signatureEnd + 24;
      doc
        .moveTo(margin.side, signatureY)
        .lineTo(signatureEnd, signatureY)
        .lineWidth(0.6)
        .strokeColor('black')
        .stroke();
      doc
        .moveTo(dateStart, signatureY)
        .lineTo(page.width - margin.side, signatureY)
        .stroke();
      drawText(
        doc,
        printable(t('signature')),
        margin.side,
        signatureY + 3,
        regular,
        type.small,
        grey,
      );
      drawText(doc, printable(t('date')), dateStart, signatureY + 3, regular, type.small, grey);
    }
    drawText(
      doc,
      printable(t('printedBy', { date: record.printedOn, practice: record.practice.name })),
      margin.side,
      bottomLine,
      regular,
      type.small,
      grey,
    );
    if (count > 1)
      drawRightAligned(
        doc,
        printable(t('pageOf', { page: index - start + 1, count })),
        page.width - margin.side,
        bottomLine,
        regular,
        type.small,
      );
  }
}

/**
 * Renders the record as a US Letter PDF. The document title is generic and the child's name never
 * goes into the metadata: PDF properties show up in file browsers, mail previews and search
 * indexes, where the name would travel without the care the page itself gets.
 */
export function renderImmunizationRecordPdf(
  record: ImmunizationRecordForPrint,
  options: RenderPdfOptions = {},
): Promise<Buffer> {
  const t = translatorFor(record.locale, 'immunizationPdf');
  const doc = new PDFDocument({
    size: 'LETTER',
    // Small page margins: this module places every line itself, within its own margins.
    margin: 18,
    bufferPages: true,
    compress: options.compress ?? true,
    displayTitle: true,
    lang: intlLocaleFor(record.locale),
    info: {
      Title: printable(t('title')),
      Author: printable(record.practice.name),
      Subject: printable(t('title')),
      Creator: printable(t('creator')),
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    const bodyTop = drawFirstPageHeader(doc, t, record);
    drawBody(doc, t, record, bodyTop);
    drawFooters(doc, t, record);
    doc.end();
  } catch (error) {
    doc.destroy();
    return Promise.reject(error);
  }
  return finished;
}
