import zxcvbnCore from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { AppError } from './app-error';

/** zxcvbn's scale runs 0–4; 3 is "safely unguessable" for an online attack. */
const MIN_SCORE = 3;

let estimator: InstanceType<typeof zxcvbnCore.ZxcvbnFactory> | undefined;

/**
 * zxcvbn-ts with its common-password lists (the most used passwords, names, English words and
 * keyboard patterns), built on first use: its dictionaries take a moment to load.
 */
function strength() {
  estimator ??= new zxcvbnCore.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/**
 * Refuses a new password that is easy to guess (a common password such as `password1234`,
 * a keyboard run, mostly spaces, or built from the person's own name or email), naming the
 * field and saying why in plain English.
 */
export function requireStrongPassword(password: string, field: string, personal: string[]): void {
  let message: string | undefined;
  if (password.replace(/\s/g, '').length < 8) {
    message = 'must have at least 8 characters that are not spaces';
  } else {
    const result = strength().check(password, personal);
    if (result.score < MIN_SCORE) {
      const why = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, '')})` : '';
      message = `is too easy to guess${why}: use three or four unrelated words, or a longer phrase`;
    }
  }
  if (message) {
    throw new AppError('validation_failed', 400, 'Choose a password that is harder to guess', [
      { path: field, message },
    ]);
  }
}
