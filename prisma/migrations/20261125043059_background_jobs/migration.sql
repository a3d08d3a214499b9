-- CreateEnum
CREATE TYPE "ShopifyStatus" AS ENUM ('SKIPPED', 'SYNCED', 'FAILED');

-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('PENDING', 'DONE', 'SKIPPED', 'FAILED');

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "shopify_error" TEXT,
ADD COLUMN     "shopify_status" "ShopifyStatus";

-- CreateTable
CREATE TABLE "JobRun" (
    "id" UUID NOT NULL,
    "message_id" UUID,
    "job" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "JobRunStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "available_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ,
    "last_error" TEXT,
    "result" JSONB,
    "finished_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobRun_status_available_at_idx" ON "JobRun"("status", "available_at");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_message_id_job_key" ON "JobRun"("message_id", "job");
