import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Person } from './entities/person.entity';
import { PersonsService } from './persons.service';

// GET /persons (search across centres) is served by admissions/person-search.*: it needs the stays.
@Module({
  imports: [TypeOrmModule.forFeature([Person])],
  providers: [PersonsService],
  exports: [PersonsService],
})
export class PersonsModule {}
