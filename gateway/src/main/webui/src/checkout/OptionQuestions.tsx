import type { CustomOption } from '../lib/types';
import type { Answers, AnswerValue } from './answers';

/** The package's custom questions, one control per option type; errors sit under each question. */
export function OptionQuestions({
  options,
  answers,
  errors,
  onChange,
}: {
  options: CustomOption[];
  answers: Answers;
  errors: Record<string, string>;
  onChange: (id: string, value: AnswerValue) => void;
}) {
  if (!options.length) return null;
  return (
    <div className="questions">
      {[...options]
        .sort((a, b) => a.display_order - b.display_order)
        .map((o) => {
          const error = errors[o.id];
          const errorId = `q-${o.id}-error`;
          const label = (
            <>
              {o.label}
              {o.is_required ? (
                <span className="required" aria-hidden="true">
                  {' '}
                  *
                </span>
              ) : (
                <span className="muted"> (optional)</span>
              )}
            </>
          );
          const common = { 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? errorId : undefined };
          let control;
          if (o.option_type === 'text_input') {
            control = (
              <div className="field">
                <label htmlFor={`q-${o.id}`}>{label}</label>
                <input
                  id={`q-${o.id}`}
                  type="text"
                  maxLength={o.max_length ?? 500}
                  required={o.is_required}
                  value={(answers[o.id] as string) ?? ''}
                  onChange={(e) => onChange(o.id, e.target.value)}
                  {...common}
                />
              </div>
            );
          } else {
            const multi = o.option_type === 'multi_select';
            const choices = o.option_type === 'boolean' ? ['Yes', 'No'] : (o.choices ?? []);
            const current = answers[o.id];
            control = (
              <fieldset className="field choice-group" {...common} aria-required={o.is_required}>
                <legend>{label}</legend>
                {choices.map((choice) => {
                  const checked =
                    o.option_type === 'boolean'
                      ? current === (choice === 'Yes')
                      : multi
                        ? ((current as string[]) ?? []).includes(choice)
                        : current === choice;
                  return (
                    <label key={choice} className="choice-pill">
                      <input
                        type={multi ? 'checkbox' : 'radio'}
                        name={`q-${o.id}`}
                        checked={checked}
                        onChange={(e) => {
                          if (o.option_type === 'boolean') onChange(o.id, choice === 'Yes');
                          else if (multi) {
                            const list = ((current as string[]) ?? []).filter((c) => c !== choice);
                            onChange(o.id, e.target.checked ? [...list, choice] : list);
                          } else onChange(o.id, choice);
                        }}
                      />
                      <span>{choice}</span>
                    </label>
                  );
                })}
              </fieldset>
            );
          }
          return (
            <div key={o.id} className={error ? 'has-error' : ''}>
              {control}
              {error && (
                <p id={errorId} className="field-error">
                  {error}
                </p>
              )}
            </div>
          );
        })}
    </div>
  );
}
