import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxMessage } from './entities/outbox-message.entity';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxQueues } from './outbox-queues';
import { OutboxService } from './outbox.service';

/** Transactional outbox in front of BullMQ: any module enqueues jobs inside its own transaction. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage])],
  providers: [OutboxService, OutboxQueues, OutboxDispatcher],
  exports: [OutboxService, OutboxQueues, OutboxDispatcher],
})
export class OutboxModule {}
