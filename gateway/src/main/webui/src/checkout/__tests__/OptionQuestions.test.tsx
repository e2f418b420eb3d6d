import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CustomOption } from '../../lib/types';
import { OptionQuestions } from '../OptionQuestions';
import { toOptionResponses, validateAnswers, type Answers } from '../answers';

const option = (
  id: string,
  label: string,
  option_type: CustomOption['option_type'],
  extra: Partial<CustomOption> = {},
): CustomOption => ({
  id,
  package_id: 'p',
  label,
  option_type,
  choices: null,
  is_required: true,
  display_order: Number(id.slice(1)),
  max_length: null,
  ...extra,
});
const options = [
  option('o1', 'Meal', 'single_select', { choices: ['Beef', 'Fish', 'Vegan'] }),
  option('o2', 'Allergies', 'multi_select', { choices: ['Nuts', 'Gluten'] }),
  option('o3', 'Valet parking', 'boolean'),
  option('o4', 'Name on badge', 'text_input', { max_length: 10 }),
  option('o5', 'Notes', 'text_input', { is_required: false }),
];

function Harness() {
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setErrors(validateAnswers(options, answers));
      }}
    >
      <OptionQuestions
        options={options}
        answers={answers}
        errors={errors}
        onChange={(id, v) => setAnswers((a) => ({ ...a, [id]: v }))}
      />
      <button type="submit">Buy</button>
      <output data-testid="responses">{JSON.stringify(toOptionResponses(options, answers))}</output>
    </form>
  );
}

describe('checkout questions', () => {
  it('enforces required answers by type and sends typed values', async () => {
    render(<Harness />);
    await userEvent.click(screen.getByRole('button', { name: 'Buy' }));
    expect(screen.getAllByText('Please choose an answer')).toHaveLength(2); // single select + yes/no
    expect(screen.getByText('Please choose at least one option')).toBeInTheDocument();
    expect(screen.getByText('Please fill this in')).toBeInTheDocument();
    expect(screen.getByLabelText(/Name on badge/)).toHaveAttribute('aria-invalid', 'true');

    await userEvent.click(screen.getByRole('radio', { name: 'Fish' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Nuts' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Gluten' }));
    await userEvent.click(screen.getByRole('radio', { name: 'No' }));
    await userEvent.type(screen.getByLabelText(/Name on badge/), 'Ada');
    await userEvent.click(screen.getByRole('button', { name: 'Buy' }));
    expect(screen.queryByText(/Please/)).not.toBeInTheDocument();
    expect(JSON.parse(screen.getByTestId('responses').textContent!)).toEqual([
      { option_id: 'o1', value: 'Fish' },
      { option_id: 'o2', value: ['Nuts', 'Gluten'] },
      { option_id: 'o3', value: false },
      { option_id: 'o4', value: 'Ada' },
    ]);
  });

  it('limits text answers to max_length', () => {
    expect(validateAnswers(options.slice(3, 4), { o4: 'much too long' })).toEqual({
      o4: 'Please keep this under 10 characters',
    });
  });
});
