import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/**
 * zxcvbn with its common-password and English dictionaries. Used on the server to refuse weak
 * passwords and, loaded lazily, in the browser for the strength meter: both give the same score.
 * Its feedback comes back as keys ("straightRow"), not English sentences: the meter words them
 * from the catalogs (messages/*.json, `password.warnings`).
 */
let factory: ZxcvbnFactory | undefined;

export const MIN_PASSWORD_SCORE = 3;

/** Each warning and suggestion "translated" to its own key. */
function keysOf<T extends Record<string, string>>(texts: T): { [K in keyof T]: string } {
  return Object.fromEntries(Object.keys(texts).map((key) => [key, key])) as {
    [K in keyof T]: string;
  };
}

const feedbackAsKeys = {
  ...english.translations,
  warnings: keysOf(english.translations.warnings),
  suggestions: keysOf(english.translations.suggestions),
};

export function estimatePasswordStrength(password: string, userInputs: string[]): ZxcvbnResult {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: feedbackAsKeys,
  });
  return factory.check(password, userInputs.filter(Boolean));
}
