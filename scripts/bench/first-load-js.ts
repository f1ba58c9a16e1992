import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The JavaScript a browser must fetch to show a page the first time: every script the page's
 * HTML names from /_next/static, gzipped as a server would send it. Read from the built files,
 * so the figure is the build's own, whatever Next.js prints (or no longer prints) after a build.
 */
export function firstLoadJs(
  html: string,
  buildDir: string,
): { files: number; gzipBytes: number; inlineGzipBytes: number } {
  const sources = new Set<string>();
  for (const match of html.matchAll(
    /<script([^>]*)\ssrc="(\/_next\/static\/[^"]+\.js)(?:\?[^"]*)?"([^>]*)>/g,
  )) {
    // Polyfills marked nomodule are for old browsers only: a current one neither loads nor runs them.
    if (/\snomodule\b/i.test(`${match[1]} ${match[3]}`)) continue;
    sources.add(match[2]!);
  }
  let gzipBytes = 0;
  for (const source of sources) {
    const file = path.join(
      buildDir,
      'static',
      decodeURIComponent(source.slice('/_next/static/'.length)),
    );
    gzipBytes += gzipSync(readFileSync(file)).length;
  }
  // The page's own data rides in inline scripts (the RSC payload, the client's catalog words):
  // not code to download, but bytes the first response carries, so shown beside it.
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((match) => match[1])
    .join('');
  return { files: sources.size, gzipBytes, inlineGzipBytes: gzipSync(inline).length };
}
