-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CURATOR', 'PROMOTER', 'STAFF', 'ADMIN');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('UPCOMING', 'ON_HOLD', 'CANCELED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "MediaType" AS ENUM ('IMAGE', 'VIDEO');

-- CreateEnum
CREATE TYPE "ListingType" AS ENUM ('TICKET', 'STANDARD');

-- CreateEnum
CREATE TYPE "ProductStatus" AS ENUM ('ACTIVE', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "PostType" AS ENUM ('EVENT', 'STANDARD');

-- CreateEnum
CREATE TYPE "EventGuestStatus" AS ENUM ('INVITED', 'CHECKED_IN');

-- CreateEnum
CREATE TYPE "CheckInResult" AS ENUM ('CHECKED_IN', 'ALREADY_CHECKED_IN', 'NOT_ON_LIST', 'FORBIDDEN', 'RATE_LIMITED', 'UNDONE');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'PROMOTER',
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Merchant" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "shopify_shop_domain" TEXT,
    "shopify_token_ciphertext" TEXT,
    "shopify_connected_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "Merchant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" UUID NOT NULL,
    "curator_id" UUID NOT NULL,
    "status" "EventStatus" NOT NULL DEFAULT 'UPCOMING',
    "title" TEXT NOT NULL,
    "start_date" TIMESTAMPTZ NOT NULL,
    "end_date" TIMESTAMPTZ,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "venue" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "poster" JSONB,
    "allow_auto_complete" BOOLEAN NOT NULL DEFAULT true,
    "message_info" JSONB NOT NULL DEFAULT '{"smsMaxLimit": 3}',
    "is_address_reveal_enabled" BOOLEAN NOT NULL DEFAULT false,
    "address_reveal_config" JSONB,
    "is_tax_enabled" BOOLEAN NOT NULL DEFAULT false,
    "tax_config" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "deleted_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventLineup" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "introduction" TEXT,
    "poster" JSONB,
    "order" INTEGER NOT NULL DEFAULT 0,
    "is_headliner" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "EventLineup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventMedia" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "src" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "media_type" "MediaType" NOT NULL DEFAULT 'IMAGE',

    CONSTRAINT "EventMedia_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" UUID NOT NULL,
    "merchant_id" UUID NOT NULL,
    "event_id" UUID,
    "title" TEXT NOT NULL,
    "listing_type" "ListingType" NOT NULL DEFAULT 'TICKET',
    "status" "ProductStatus" NOT NULL DEFAULT 'ACTIVE',
    "shopify_product_id" TEXT,
    "shopify_synced_at" TIMESTAMPTZ,
    "deleted_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductVariant" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "quantity" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "shopify_variant_id" TEXT,
    "deleted_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "ProductVariant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Post" (
    "id" UUID NOT NULL,
    "creator_id" UUID NOT NULL,
    "post_type" "PostType" NOT NULL DEFAULT 'EVENT',
    "create_from_event_id" UUID,
    "slug" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sub_title" TEXT NOT NULL,
    "caption" TEXT,
    "cover_images" JSONB,
    "ticket_prices" JSONB,
    "sync_enabled" BOOLEAN NOT NULL DEFAULT true,
    "synced_event_version" INTEGER,
    "synced_at" TIMESTAMPTZ,
    "deleted_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostMedia" (
    "id" UUID NOT NULL,
    "post_id" UUID NOT NULL,
    "src" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "media_type" "MediaType" NOT NULL DEFAULT 'IMAGE',

    CONSTRAINT "PostMedia_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventGuest" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "email" TEXT,
    "phone_number" TEXT,
    "deleted_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "EventGuest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventGuestGroup" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "deleted_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventGuestGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventGuestToGroup" (
    "guest_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,

    CONSTRAINT "EventGuestToGroup_pkey" PRIMARY KEY ("guest_id","group_id")
);

-- CreateTable
CREATE TABLE "EventGuestToEvent" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "guest_id" UUID NOT NULL,
    "status" "EventGuestStatus" NOT NULL DEFAULT 'INVITED',
    "ticket_code" TEXT NOT NULL,
    "checked_in_at" TIMESTAMPTZ,
    "checked_in_by" UUID,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventGuestToEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventStaff" (
    "event_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "assigned_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventStaff_pkey" PRIMARY KEY ("event_id","user_id")
);

-- CreateTable
CREATE TABLE "CheckInAttempt" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "guest_to_event_id" UUID,
    "staff_id" UUID NOT NULL,
    "device_id" TEXT,
    "nonce" TEXT,
    "result" "CheckInResult" NOT NULL,
    "response" JSONB,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "available_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ,
    "last_error" TEXT,
    "processed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "last_used_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "completed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Merchant_owner_id_key" ON "Merchant"("owner_id");

-- CreateIndex
CREATE INDEX "Event_curator_id_start_date_idx" ON "Event"("curator_id", "start_date");

-- CreateIndex
CREATE INDEX "Event_status_allow_auto_complete_start_date_idx" ON "Event"("status", "allow_auto_complete", "start_date");

-- CreateIndex
CREATE INDEX "EventLineup_event_id_idx" ON "EventLineup"("event_id");

-- CreateIndex
CREATE INDEX "EventMedia_event_id_idx" ON "EventMedia"("event_id");

-- CreateIndex
CREATE INDEX "Product_event_id_idx" ON "Product"("event_id");

-- CreateIndex
CREATE INDEX "Product_merchant_id_idx" ON "Product"("merchant_id");

-- CreateIndex
CREATE INDEX "ProductVariant_product_id_idx" ON "ProductVariant"("product_id");

-- CreateIndex
CREATE UNIQUE INDEX "Post_slug_key" ON "Post"("slug");

-- CreateIndex
CREATE INDEX "Post_create_from_event_id_created_at_idx" ON "Post"("create_from_event_id", "created_at");

-- CreateIndex
CREATE INDEX "Post_creator_id_created_at_idx" ON "Post"("creator_id", "created_at");

-- CreateIndex
CREATE INDEX "PostMedia_post_id_idx" ON "PostMedia"("post_id");

-- CreateIndex
CREATE INDEX "EventGuest_user_id_idx" ON "EventGuest"("user_id");

-- CreateIndex
CREATE INDEX "EventGuestGroup_user_id_idx" ON "EventGuestGroup"("user_id");

-- CreateIndex
CREATE INDEX "EventGuestToGroup_group_id_idx" ON "EventGuestToGroup"("group_id");

-- CreateIndex
CREATE UNIQUE INDEX "EventGuestToEvent_ticket_code_key" ON "EventGuestToEvent"("ticket_code");

-- CreateIndex
CREATE UNIQUE INDEX "EventGuestToEvent_event_id_guest_id_key" ON "EventGuestToEvent"("event_id", "guest_id");

-- CreateIndex
CREATE INDEX "EventStaff_user_id_idx" ON "EventStaff"("user_id");

-- CreateIndex
CREATE INDEX "CheckInAttempt_event_id_created_at_idx" ON "CheckInAttempt"("event_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "CheckInAttempt_staff_id_nonce_key" ON "CheckInAttempt"("staff_id", "nonce");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_available_at_idx" ON "OutboxMessage"("status", "available_at");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_user_id_idx" ON "ApiKey"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyRecord_user_id_key_key" ON "IdempotencyRecord"("user_id", "key");

-- AddForeignKey
ALTER TABLE "Merchant" ADD CONSTRAINT "Merchant_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_curator_id_fkey" FOREIGN KEY ("curator_id") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventLineup" ADD CONSTRAINT "EventLineup_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventMedia" ADD CONSTRAINT "EventMedia_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "Event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductVariant" ADD CONSTRAINT "ProductVariant_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_creator_id_fkey" FOREIGN KEY ("creator_id") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_create_from_event_id_fkey" FOREIGN KEY ("create_from_event_id") REFERENCES "Event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostMedia" ADD CONSTRAINT "PostMedia_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventGuest" ADD CONSTRAINT "EventGuest_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventGuestGroup" ADD CONSTRAINT "EventGuestGroup_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventGuestToGroup" ADD CONSTRAINT "EventGuestToGroup_guest_id_fkey" FOREIGN KEY ("guest_id") REFERENCES "EventGuest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventGuestToGroup" ADD CONSTRAINT "EventGuestToGroup_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "EventGuestGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventGuestToEvent" ADD CONSTRAINT "EventGuestToEvent_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "Event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventGuestToEvent" ADD CONSTRAINT "EventGuestToEvent_guest_id_fkey" FOREIGN KEY ("guest_id") REFERENCES "EventGuest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventGuestToEvent" ADD CONSTRAINT "EventGuestToEvent_checked_in_by_fkey" FOREIGN KEY ("checked_in_by") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventStaff" ADD CONSTRAINT "EventStaff_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventStaff" ADD CONSTRAINT "EventStaff_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInAttempt" ADD CONSTRAINT "CheckInAttempt_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "Event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInAttempt" ADD CONSTRAINT "CheckInAttempt_guest_to_event_id_fkey" FOREIGN KEY ("guest_to_event_id") REFERENCES "EventGuestToEvent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInAttempt" ADD CONSTRAINT "CheckInAttempt_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdempotencyRecord" ADD CONSTRAINT "IdempotencyRecord_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
