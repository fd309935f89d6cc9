import { UpdatePersonDto } from '../../persons/dto/update-person.dto';
import { IsText } from '../../common/validation/validators';

/** A correction of a person's record by the centre that holds them (PATCH /persons/:id). */
export class CorrectPersonDto extends UpdatePersonDto {
  @IsText(2000, {
    optional: true,
    min: 10,
    description:
      'Required, from a centre manager, when the correction makes a child an adult (an age dispute): a child ' +
      'by the record or by the current screening stays one until a manager revises the age with a written reason',
    example: 'Age dispute: passport HN-… shows date of birth 1999-05-01; age assessment requested',
  })
  ageRevisionReason?: string | null;
}
