-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "checkout_url" TEXT;
