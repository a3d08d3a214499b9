-- CreateEnum
CREATE TYPE "MessageChannel" AS ENUM ('EMAIL', 'SMS');

-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('QUEUED', 'SENT', 'FAILED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "OptOutSource" AS ENUM ('STOP', 'UNSUBSCRIBE');

-- CreateTable
CREATE TABLE "EventMessage" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "audience" JSONB NOT NULL,
    "recipients" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageDelivery" (
    "id" UUID NOT NULL,
    "message_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "guest_id" UUID NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "address" TEXT,
    "state" "DeliveryState" NOT NULL DEFAULT 'QUEUED',
    "reason" TEXT,
    "provider_id" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sent_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuestSmsCount" (
    "event_id" UUID NOT NULL,
    "guest_id" UUID NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "GuestSmsCount_pkey" PRIMARY KEY ("event_id","guest_id")
);

-- CreateTable
CREATE TABLE "MessageOptOut" (
    "id" UUID NOT NULL,
    "curator_id" UUID NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "address" TEXT NOT NULL,
    "source" "OptOutSource" NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageOptOut_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EventMessage_event_id_created_at_idx" ON "EventMessage"("event_id", "created_at");

-- CreateIndex
CREATE INDEX "MessageDelivery_channel_address_idx" ON "MessageDelivery"("channel", "address");

-- CreateIndex
CREATE UNIQUE INDEX "MessageDelivery_message_id_guest_id_channel_key" ON "MessageDelivery"("message_id", "guest_id", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "MessageOptOut_curator_id_channel_address_key" ON "MessageOptOut"("curator_id", "channel", "address");

-- AddForeignKey
ALTER TABLE "EventMessage" ADD CONSTRAINT "EventMessage_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "Event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventMessage" ADD CONSTRAINT "EventMessage_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageDelivery" ADD CONSTRAINT "MessageDelivery_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "EventMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageDelivery" ADD CONSTRAINT "MessageDelivery_guest_id_fkey" FOREIGN KEY ("guest_id") REFERENCES "EventGuest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageOptOut" ADD CONSTRAINT "MessageOptOut_curator_id_fkey" FOREIGN KEY ("curator_id") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
