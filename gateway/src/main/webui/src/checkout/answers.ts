import type { CustomOption } from '../lib/types';

export type AnswerValue = boolean | string | string[] | undefined;
export type Answers = Record<string, AnswerValue>;

const isBlank = (value: AnswerValue) =>
  value === undefined || (typeof value === 'string' && !value.trim()) || (Array.isArray(value) && value.length === 0);

/** Client-side copy of the server's option rules (API.md), so the donor sees problems before paying. */
export function validateAnswers(options: CustomOption[], answers: Answers): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const option of options) {
    const value = answers[option.id];
    if (isBlank(value)) {
      if (option.is_required)
        errors[option.id] =
          option.option_type === 'multi_select'
            ? 'Please choose at least one option'
            : option.option_type === 'text_input'
              ? 'Please fill this in'
              : 'Please choose an answer';
      continue;
    }
    if (option.option_type === 'text_input' && typeof value === 'string' && value.length > (option.max_length ?? 500))
      errors[option.id] = `Please keep this under ${option.max_length ?? 500} characters`;
  }
  return errors;
}

export function toOptionResponses(options: CustomOption[], answers: Answers) {
  return options
    .filter((o) => !isBlank(answers[o.id]))
    .map((o) => ({
      option_id: o.id,
      value: o.option_type === 'text_input' ? (answers[o.id] as string).trim() : answers[o.id],
    }));
}
