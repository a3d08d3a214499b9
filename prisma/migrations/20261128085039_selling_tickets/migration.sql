-- CreateEnum
CREATE TYPE "CommissionType" AS ENUM ('PERCENT', 'FIXED');

-- CreateEnum
CREATE TYPE "TicketSource" AS ENUM ('INVITED', 'SOLD', 'SHOPIFY');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('PENDING_PAYMENT', 'PAID', 'EXPIRED', 'CANCELED', 'REFUNDED');

-- CreateEnum
CREATE TYPE "OrderChannel" AS ENUM ('MARQUEE', 'SHOPIFY');

-- DropIndex
DROP INDEX "EventGuestToEvent_event_id_guest_id_key";

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "commission_type" "CommissionType",
ADD COLUMN     "commission_value" INTEGER;

-- AlterTable
ALTER TABLE "ProductVariant" ADD COLUMN     "held" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "max_per_order" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "sale_ends_at" TIMESTAMPTZ,
ADD COLUMN     "sale_starts_at" TIMESTAMPTZ,
ADD COLUMN     "sold" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "EventGuestToEvent" ADD COLUMN     "order_id" UUID,
ADD COLUMN     "source" "TicketSource" NOT NULL DEFAULT 'INVITED',
ADD COLUMN     "variant_id" UUID;

-- CreateTable
CREATE TABLE "Order" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "status" "OrderStatus" NOT NULL,
    "channel" "OrderChannel" NOT NULL DEFAULT 'MARQUEE',
    "buyer_first_name" TEXT NOT NULL,
    "buyer_last_name" TEXT NOT NULL,
    "buyer_email" TEXT NOT NULL,
    "buyer_phone" TEXT,
    "guest_id" UUID,
    "post_id" UUID,
    "promoter_id" UUID,
    "currency" CHAR(3) NOT NULL,
    "subtotal" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL,
    "commission" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ,
    "idempotency_key" TEXT,
    "request_hash" TEXT,
    "stripe_session_id" TEXT,
    "stripe_payment_intent_id" TEXT,
    "shopify_order_id" TEXT,
    "paid_at" TIMESTAMPTZ,
    "released_at" TIMESTAMPTZ,
    "refunded_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderItem" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "unit_price" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "OrderItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Order_stripe_session_id_key" ON "Order"("stripe_session_id");

-- CreateIndex
CREATE UNIQUE INDEX "Order_shopify_order_id_key" ON "Order"("shopify_order_id");

-- CreateIndex
CREATE INDEX "Order_event_id_created_at_idx" ON "Order"("event_id", "created_at");

-- CreateIndex
CREATE INDEX "Order_post_id_idx" ON "Order"("post_id");

-- CreateIndex
CREATE INDEX "Order_promoter_id_idx" ON "Order"("promoter_id");

-- CreateIndex
CREATE INDEX "Order_status_expires_at_idx" ON "Order"("status", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "Order_event_id_idempotency_key_key" ON "Order"("event_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "OrderItem_variant_id_idx" ON "OrderItem"("variant_id");

-- CreateIndex
CREATE UNIQUE INDEX "OrderItem_order_id_variant_id_key" ON "OrderItem"("order_id", "variant_id");

-- CreateIndex
CREATE INDEX "EventGuestToEvent_event_id_guest_id_idx" ON "EventGuestToEvent"("event_id", "guest_id");

-- CreateIndex
CREATE INDEX "EventGuestToEvent_order_id_idx" ON "EventGuestToEvent"("order_id");

-- CreateIndex
CREATE UNIQUE INDEX "EventGuestToEvent_event_id_guest_id_key" ON "EventGuestToEvent"("event_id", "guest_id") WHERE (order_id IS NULL);

-- AddForeignKey
ALTER TABLE "EventGuestToEvent" ADD CONSTRAINT "EventGuestToEvent_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventGuestToEvent" ADD CONSTRAINT "EventGuestToEvent_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "ProductVariant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "Event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_guest_id_fkey" FOREIGN KEY ("guest_id") REFERENCES "EventGuest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_promoter_id_fkey" FOREIGN KEY ("promoter_id") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "ProductVariant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Beneath the conditional updates (server/db/sql/orders.ts): no path may sell past capacity.
ALTER TABLE "ProductVariant" ADD CONSTRAINT "ProductVariant_capacity_check" CHECK (sold >= 0 AND held >= 0 AND sold + held <= quantity);
