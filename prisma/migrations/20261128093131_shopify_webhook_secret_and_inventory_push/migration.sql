-- AlterTable
ALTER TABLE "Merchant" ADD COLUMN     "shopify_webhook_secret_ciphertext" TEXT;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "shopify_push_queued_at" TIMESTAMPTZ;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "cancel_reason" TEXT;
