import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/**
 * zxcvbn with its common-password and English dictionaries. Used on the server to refuse weak
 * passwords and, loaded lazily, in the browser for the strength meter: both give the same score.
 */
let factory: ZxcvbnFactory | undefined;

export const MIN_PASSWORD_SCORE = 3;

export function estimatePasswordStrength(password: string, userInputs: string[]): ZxcvbnResult {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return factory.check(password, userInputs.filter(Boolean));
}
